package org.breakpilot.testhost;

import org.breakpilot.checkpoint.api.Checkpoint;

/**
 * Marked methods the agent cannot record: on an interface, abstract, native, a bridge, and the
 * constructor of a type marked as a whole. Calls the implementations, which are not marked.
 */
public class SkippedMethodsHost {

    /** {@code @Checkpoint} on an interface method: its implementations are not marked by it. */
    public interface Api {
        @Checkpoint
        String run();
    }

    /** A marked abstract method. */
    public abstract static class Base {
        @Checkpoint
        abstract String work();
    }

    /** A generic interface, so that a marked implementation gets a bridge method. */
    public interface Handler<T> {
        String handle(T value);
    }

    /** The bridge {@code handle(Object)} carries the annotation too, and is skipped. */
    public static final class StringHandler implements Handler<String> {
        @Checkpoint
        @Override
        public String handle(String value) {
            return "handled " + value;
        }
    }

    /** Marked as a type: its public constructor is marked, and skipped. */
    @Checkpoint
    public static final class Counter {
        public Counter() {
        }

        public int next(int value) {
            return value + 1;
        }
    }

    /** A marked native method, never called. */
    public static final class Native {
        @Checkpoint
        native void call();
    }

    public static void main(String[] args) {
        Api api = () -> "ran";
        Base base = new Base() {
            @Override
            String work() {
                return "worked";
            }
        };
        Handler<String> handler = new StringHandler();
        System.out.println(api.run() + " " + base.work() + " " + handler.handle("x") + " " + new Counter().next(1)
                + " " + Native.class.getSimpleName());
    }
}
