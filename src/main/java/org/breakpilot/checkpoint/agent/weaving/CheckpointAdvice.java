package org.breakpilot.checkpoint.agent.weaving;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.breakpilot.checkpoint.agent.bootstrap.Dispatcher;
import org.breakpilot.checkpoint.agent.bootstrap.Replayed;

/**
 * Inlined into every instrumented method: hands the call to the bootstrap {@link Dispatcher} with the
 * method's number bound as a constant. Exceptions of the advice itself are suppressed, so the method's
 * return value and exceptions are the application's own.
 */
final class CheckpointAdvice {

    private CheckpointAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@MethodId int methodId, @Advice.AllArguments Object[] arguments) {
        return Dispatcher.enter(methodId, arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@MethodId int methodId, @Advice.Enter Object state,
                     @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
                     @Advice.Thrown Throwable thrown) {
        Dispatcher.exit(methodId, state, result, thrown);
    }

    /**
     * For methods that record no arguments and name no session parameter: a second advice exists to
     * avoid copying the arguments into an array on every call.
     */
    static final class WithoutArguments {

        private WithoutArguments() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@MethodId int methodId) {
            return Dispatcher.enter(methodId, null);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@MethodId int methodId, @Advice.Enter Object state,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
                         @Advice.Thrown Throwable thrown) {
            Dispatcher.exit(methodId, state, result, thrown);
        }
    }

    /**
     * For {@code @Checkpoint(replay = true)} steps that return a value: when entry hands back a
     * {@link Replayed}, the body is skipped and the method returns (or throws) what it holds.
     */
    static final class Replaying {

        private Replaying() {
        }

        @Advice.OnMethodEnter(skipOn = Replayed.class, suppress = Throwable.class)
        static Object enter(@MethodId int methodId, @Advice.AllArguments Object[] arguments,
                            @Advice.Origin Class<?> type) {
            return Dispatcher.enterReplayable(methodId, arguments, type);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@MethodId int methodId, @Advice.Enter Object state,
                         @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (state instanceof Replayed) {
                thrown = ((Replayed) state).failure;
                result = ((Replayed) state).value;
            } else {
                Dispatcher.exit(methodId, state, result, thrown);
            }
        }
    }

    /**
     * The exit of {@code void} replay steps, which have no result to set; their entry is
     * {@link Replaying}'s.
     */
    static final class ReplayingVoid {

        private ReplayingVoid() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@MethodId int methodId, @Advice.Enter Object state,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (state instanceof Replayed) {
                thrown = ((Replayed) state).failure;
            } else {
                Dispatcher.exit(methodId, state, null, thrown);
            }
        }
    }
}
