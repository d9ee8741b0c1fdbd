package org.breakpilot.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marks a {@code Map<String, ?>} or {@code List} that is already what a {@link Checkpoint} holds: deeply
 * immutable (no method changes it, and everything it reaches is immutable too), with string keys and
 * JSON-compatible values only ({@code null}, strings, booleans, numbers, and other such maps and
 * lists). The manager takes it as it is instead of copying it.
 *
 * <p>For producers of checkpoint data on hot paths, such as the agent's argument capture, which build
 * such values once and then never touch them. A map or list that breaks the promise breaks the
 * checkpoint's immutability: anything else is copied, as usual.
 */
public interface JsonSnapshot {

    /**
     * {@code entries} as a read-only snapshot map, without copying it: the caller hands it over, keeps
     * no reference to it, and has put only snapshot values in it (JDK scalars and other snapshots).
     */
    static Map<String, Object> adoptMap(LinkedHashMap<String, Object> entries) {
        return ValueSnapshot.adoptMap(entries);
    }

    /** {@code elements} as a read-only snapshot list, without copying it, on the terms of {@link #adoptMap}. */
    static List<Object> adoptList(List<Object> elements) {
        return ValueSnapshot.adoptList(elements);
    }
}
