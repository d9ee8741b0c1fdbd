package org.breakpilot.checkpoint.agent.bootstrap;

/**
 * What the entry of a replay step returns instead of running the body: the recorded result, or the
 * exception to throw ({@code replayStrict} and arguments other than recorded). The advice skips the
 * body when entry returns an instance of this class, and makes the method return or throw it.
 */
public final class Replayed {

    /** The result to return; null for {@code void} steps. */
    public final Object value;
    /** The exception to throw instead, or null. */
    public final Throwable failure;

    private Replayed(Object value, Throwable failure) {
        this.value = value;
        this.failure = failure;
    }

    /** The step returns {@code value} without running. */
    public static Replayed returning(Object value) {
        return new Replayed(value, null);
    }

    /** The step throws {@code failure} without running. */
    public static Replayed throwing(Throwable failure) {
        return new Replayed(null, failure);
    }
}
