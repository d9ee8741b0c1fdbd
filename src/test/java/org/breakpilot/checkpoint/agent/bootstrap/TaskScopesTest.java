package org.breakpilot.checkpoint.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tasks are told apart by identity only; their own {@code equals} and {@code hashCode} are never called. */
class TaskScopesTest {

    /** A task as hostile as a user's can be: equal to every other, and throwing from both methods. */
    private static final class HostileTask {
        @Override
        public boolean equals(Object other) {
            throw new AssertionError("equals of a task was called");
        }

        @Override
        public int hashCode() {
            throw new AssertionError("hashCode of a task was called");
        }
    }

    @Test
    void equalTasksKeepTheirOwnScopes() {
        List<Integer> first = new ArrayList<>(List.of(1));
        List<Integer> second = new ArrayList<>(List.of(1));
        TaskScopes.put(first, "scope-a");
        TaskScopes.put(second, "scope-b");

        assertEquals("scope-a", TaskScopes.get(first));
        assertEquals("scope-b", TaskScopes.get(second));
        assertNull(TaskScopes.get(new ArrayList<>(List.of(1))), "an equal task made elsewhere has no scope");
    }

    @Test
    void aTasksEqualsAndHashCodeAreNeverCalled() {
        HostileTask task = new HostileTask();
        TaskScopes.put(task, "scope");
        TaskScopes.put(new HostileTask(), "other");

        assertEquals("scope", TaskScopes.get(task));
        assertNull(TaskScopes.get(new HostileTask()));
    }
}
