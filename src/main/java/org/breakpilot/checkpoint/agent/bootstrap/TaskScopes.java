package org.breakpilot.checkpoint.agent.bootstrap;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scope each task (a {@code FutureTask}, a {@code ForkJoinTask}, a virtual thread) was created in,
 * until the task runs. Keys are held weakly and compared by identity only: a user's task's
 * {@code equals} and {@code hashCode} are never called, and an entry goes when its task is collected.
 * Only tasks created in a scope have an entry, so while none has been, a look-up is one volatile read.
 * Thread-safe.
 */
public final class TaskScopes {

    private static final ConcurrentHashMap<Object, Object> SCOPES = new ConcurrentHashMap<>();
    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static volatile boolean used;

    private TaskScopes() {
    }

    /** Remembers that {@code task} was created in {@code scope}. */
    static void put(Object task, Object scope) {
        for (Reference<?> gone; (gone = COLLECTED.poll()) != null; ) {
            SCOPES.remove(gone);
        }
        SCOPES.put(new WeakKey(task), scope);
        used = true;
    }

    /** The scope {@code task} was created in, or null. */
    static Object get(Object task) {
        return used ? SCOPES.get(new LookupKey(task)) : null;
    }

    /** Whether no task has ever been created in a scope (then every {@link #get} is null). */
    static boolean unused() {
        return !used;
    }

    /** The stored key: the task, weakly, with its identity hash. */
    private static final class WeakKey extends WeakReference<Object> {
        private final int hash;

        WeakKey(Object task) {
            super(task, COLLECTED);
            this.hash = System.identityHashCode(task);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            Object task = get();
            return task != null && (other instanceof WeakKey key ? key.get() == task
                    : other instanceof LookupKey lookup && lookup.task == task);
        }
    }

    /** A short-lived key for a look-up, which needs no reference object. */
    private static final class LookupKey {
        private final Object task;

        LookupKey(Object task) {
            this.task = task;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(task);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WeakKey key && key.get() == task;
        }
    }
}
