package org.breakpilot.checkpoint.agent.weaving;

import net.bytebuddy.asm.Advice;
import org.breakpilot.checkpoint.agent.bootstrap.Dispatcher;

/**
 * Inlined into the JDK's task classes so that a session scope follows the work handed to other threads:
 * a task remembers the scope it was created in, and runs in it. Each advice only calls the bootstrap
 * {@link Dispatcher}; its exceptions are suppressed, so the JDK's code behaves as without it.
 */
final class TaskAdvice {

    private TaskAdvice() {
    }

    /** On task constructors ({@code FutureTask}, {@code ForkJoinTask}, {@code VirtualThread}). */
    static final class Capture {

        private Capture() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object task) {
            Dispatcher.captureTask(task);
        }
    }

    /** Around the method every run of a task goes through ({@code run}, {@code runAndReset}, {@code doExec}). */
    static final class Run {

        private Run() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object task) {
            return Dispatcher.beginTask(task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object previous) {
            Dispatcher.endTask(previous);
        }
    }

    /** On {@code ThreadPoolExecutor.execute(Runnable)}: a plain {@code Runnable} is wrapped to carry the scope. */
    static final class Wrap {

        private Wrap() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = Dispatcher.wrapTask(task);
        }
    }
}
