package org.breakpilot.checkpoint.agent.recording;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.breakpilot.checkpoint.agent.bootstrap.Dispatcher;
import org.breakpilot.checkpoint.agent.weaving.TaskInstrumentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes session scopes follow tasks into other threads, by retransforming the JDK's task classes
 * ({@link TaskInstrumentation}). The dispatcher runs it when the first scope opens, so an application
 * that opens none never loads Byte Buddy for it; {@link #stop} restores the classes' original bytecode.
 * A class it cannot change is named in one warning, and its tasks then run in the default session.
 * Thread-safe: installing and stopping exclude each other.
 */
public final class TaskPropagation implements Runnable {

    /** The logger, made on first use: this class is made in premain. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(TaskPropagation.class);
    }

    private final Instrumentation instrumentation;
    private TaskInstrumentation plan;
    private ClassFileTransformer transformer;
    private boolean stopped;

    public TaskPropagation(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** Installs, once; nothing after {@link #stop}. */
    @Override
    public synchronized void run() {
        if (stopped || transformer != null) {
            return;
        }
        try {
            // The advice in java.base calls the dispatcher, which lives in the boot loader's unnamed module.
            instrumentation.redefineModule(Object.class.getModule(), Set.of(Dispatcher.class.getModule()), Map.of(),
                    Map.of(), Set.of(), Map.of());
            plan = new TaskInstrumentation();
            transformer = plan.transformer();
            instrumentation.addTransformer(transformer, true);
            Set<String> present = new LinkedHashSet<>();
            for (Class<?> type : targetTypes()) {
                present.add(type.getName());
                retransform(type);
            }
            List<TaskInstrumentation.Target> missing = plan.missing(present);
            if (!missing.isEmpty()) {
                Log.LOG.warn("Session scopes do not follow tasks through {} on this JDK ({}): such tasks run in the"
                        + " default session", missing, System.getProperty("java.version"));
            }
        } catch (RuntimeException | LinkageError e) {
            Log.LOG.warn("Session scopes stay on the thread that opened them: the JDK's task classes could not be"
                    + " instrumented ({})", e.toString());
        }
    }

    /**
     * Stops for good: later scopes install nothing, and the JDK classes get their original bytecode
     * back. Tasks created before keep running as they would have.
     *
     * @return how many JDK classes were restored
     */
    public synchronized int stop() {
        stopped = true;
        if (transformer == null) {
            return 0;
        }
        instrumentation.removeTransformer(transformer);
        int restored = 0;
        for (Class<?> type : targetTypes()) {
            if (plan.woven(type.getName().replace('.', '/')) && retransform(type)) {
                restored++;
            }
        }
        return restored;
    }

    /** The target types this JDK has, loaded now (without running their initialisers) if they were not. */
    private static List<Class<?>> targetTypes() {
        List<Class<?>> types = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (TaskInstrumentation.Target target : TaskInstrumentation.TARGETS) {
            names.add(target.type());
        }
        for (String name : names) {
            try {
                types.add(Class.forName(name, false, null));
            } catch (ClassNotFoundException absent) {
                // VirtualThread before JDK 21: there is nothing to carry scopes into.
            }
        }
        return types;
    }

    private boolean retransform(Class<?> type) {
        try {
            instrumentation.retransformClasses(type);
            return true;
        } catch (Exception | LinkageError refused) {
            return false;
        }
    }
}
