package org.breakpilot.checkpoint.agent.weaving;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Which JDK methods get {@link TaskAdvice}, matched by name so that one plan fits JDK 17 and 25 alike:
 * members a JDK lacks are simply not found, and {@link #missing} says which. Every task a JDK executor
 * runs passes through one of them: {@code FutureTask} (the tasks of {@code ThreadPoolExecutor},
 * {@code ScheduledThreadPoolExecutor} and {@code invokeAll}), {@code ForkJoinTask} (all of
 * {@code ForkJoinPool}'s, {@code CompletableFuture}'s async tasks among them, which also run on other
 * executors through their {@code run}), plain {@code Runnable}s given to {@code ThreadPoolExecutor.execute},
 * and virtual threads.
 */
public final class TaskInstrumentation implements AdviceWeaver.Plan {

    /** The method name that stands for every constructor of the type. */
    private static final String CONSTRUCTORS = "<init>";

    /**
     * One method (or the constructors) of a JDK type, with the advice it gets. A plain class, compared by
     * identity, rather than a record: a record's methods bootstrap invokedynamic machinery that the
     * first scope would wait for.
     */
    public static final class Target {
        private final String type;
        private final String method;
        private final Class<?> advice;

        Target(String type, String method, Class<?> advice) {
            this.type = type;
            this.method = method;
            this.advice = advice;
        }

        public String type() {
            return type;
        }

        @Override
        public String toString() {
            return type + (method.equals(CONSTRUCTORS) ? "'s constructors" : "." + method);
        }
    }

    public static final List<Target> TARGETS = List.of(
            new Target("java.util.concurrent.FutureTask", CONSTRUCTORS, TaskAdvice.Capture.class),
            new Target("java.util.concurrent.FutureTask", "run", TaskAdvice.Run.class),
            new Target("java.util.concurrent.FutureTask", "runAndReset", TaskAdvice.Run.class),
            new Target("java.util.concurrent.ForkJoinTask", CONSTRUCTORS, TaskAdvice.Capture.class),
            new Target("java.util.concurrent.ForkJoinTask", "doExec", TaskAdvice.Run.class),
            new Target("java.util.concurrent.CompletableFuture$AsyncSupply", "run", TaskAdvice.Run.class),
            new Target("java.util.concurrent.CompletableFuture$AsyncRun", "run", TaskAdvice.Run.class),
            new Target("java.util.concurrent.CompletableFuture$Completion", "run", TaskAdvice.Run.class),
            new Target("java.util.concurrent.ThreadPoolExecutor", "execute", TaskAdvice.Wrap.class),
            new Target("java.lang.VirtualThread", CONSTRUCTORS, TaskAdvice.Capture.class));

    private final ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(TaskAdvice.class.getClassLoader());
    private final Map<Class<?>, Advice> advice = new LinkedHashMap<>();
    private final Set<String> typeNames = new HashSet<>();
    private final Set<Target> found = ConcurrentHashMap.newKeySet();
    private final Set<String> woven = ConcurrentHashMap.newKeySet();

    public TaskInstrumentation() {
        // Described from class files, as CheckpointInstrumentation does: reflection would make proxies.
        TypePool agentTypes = TypePool.Default.of(agentClasses);
        // Loops, not lambdas or streams, here and below: the first scope waits for this to finish.
        for (Target target : TARGETS) {
            typeNames.add(target.type.replace('.', '/'));
            if (!advice.containsKey(target.advice)) {
                advice.put(target.advice, Advice.to(agentTypes.describe(target.advice.getName()).resolve(), agentClasses));
            }
        }
    }

    /** A transformer of the target types only, in the boot loader; it notes what it changed. */
    public ClassFileTransformer transformer() {
        return new TargetsOnly(new AdviceWeaver(this, agentClasses, List.of()));
    }

    @Override
    public Map<MethodDescription, Advice> adviceFor(TypeDescription type, ClassLoader loader) {
        Map<MethodDescription, Advice> plan = new LinkedHashMap<>();
        for (Target target : TARGETS) {
            if (!target.type.equals(type.getName())) {
                continue;
            }
            for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
                if (matches(target, method)) {
                    plan.put(method, advice.get(target.advice));
                    found.add(target);
                }
            }
        }
        return plan;
    }

    private static boolean matches(Target target, MethodDescription method) {
        if (target.method.equals(CONSTRUCTORS)) {
            return method.isConstructor();
        }
        int parameters = target.advice == TaskAdvice.Wrap.class ? 1 : 0;
        return method.getName().equals(target.method) && method.getParameters().size() == parameters
                && !method.isAbstract();
    }

    /** Whether the type of this internal name was changed. */
    public boolean woven(String internalName) {
        return woven.contains(internalName);
    }

    /**
     * What could not be instrumented among the types in {@code present}: their targets that were not
     * found in them, or whose type was not changed.
     */
    public List<Target> missing(Set<String> present) {
        List<Target> missing = new ArrayList<>();
        for (Target target : TARGETS) {
            if (present.contains(target.type) && (!found.contains(target) || !woven(target.type.replace('.', '/')))) {
                missing.add(target);
            }
        }
        return missing;
    }

    /** Passes only the target types of the boot loader to the weaver: the JVM shows it every class. */
    private final class TargetsOnly implements ClassFileTransformer {
        private final ClassFileTransformer weaver;

        TargetsOnly(ClassFileTransformer weaver) {
            this.weaver = weaver;
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                                ProtectionDomain domain, byte[] bytes) {
            if (loader != null || className == null || !typeNames.contains(className)) {
                return null;
            }
            try {
                byte[] changed = weaver.transform(module, loader, className, classBeingRedefined, domain, bytes);
                if (changed != null) {
                    woven.add(className);
                }
                return changed;
            } catch (IllegalClassFormatException | RuntimeException | LinkageError e) {
                // Reported by TaskPropagation as not woven; the class stays as the JDK made it.
                return null;
            }
        }
    }
}
