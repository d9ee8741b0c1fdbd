package org.breakpilot.checkpoint;

import java.lang.reflect.Array;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Deep immutable copies of JSON-compatible input into {@link FrozenJson} values, the only values a
 * {@link Checkpoint} holds.
 *
 * <p>Accepted: {@code null}, strings, booleans, numbers, maps (keys become strings), collections and
 * arrays (become lists). Values with an obvious JSON string form (characters, enums by name, UUIDs,
 * {@code java.time} values) become that string; mutable counters become their current number.
 * Anything else is rejected, naming where it was found, because a snapshot that still referred to a
 * caller's object could change after the fact.
 */
final class FrozenJsonCopies {

    private FrozenJsonCopies() {
    }

    /** A deep immutable copy of {@code map}; {@code null} becomes an empty map. */
    static Map<String, Object> ofMap(Map<?, ?> map, String what) {
        if (map == null) {
            return FrozenJson.FrozenMap.EMPTY;
        }
        Map<String, Object> frozen = FrozenJson.ifFrozen(map);
        if (frozen != null) {
            return frozen;
        }
        try {
            return freezeMap(map, 1);
        } catch (InvalidValue e) {
            throw new IllegalArgumentException(e.describe(what));
        }
    }

    private static Object freeze(Object value, int depth) {
        if (FrozenJson.isFrozen(value)) {
            return value;
        }
        if (depth > FrozenJson.MAX_DEPTH) {
            throw new InvalidValue("nesting is deeper than " + FrozenJson.MAX_DEPTH + " levels (a cycle?)");
        }
        if (value instanceof Map<?, ?> map) {
            return freezeMap(map, depth + 1);
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            int index = 0;
            for (Object element : collection) {
                copy.add(freezeElement(element, index++, depth));
            }
            return new FrozenJson.FrozenList(copy);
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> copy = new ArrayList<>(length);
            for (int index = 0; index < length; index++) {
                copy.add(freezeElement(Array.get(value, index), index, depth));
            }
            return new FrozenJson.FrozenList(copy);
        }
        return freezeScalar(value);
    }

    private static Object freezeElement(Object element, int index, int depth) {
        try {
            return freeze(element, depth + 1);
        } catch (InvalidValue e) {
            throw e.under("[" + index + "]");
        }
    }

    private static Map<String, Object> freezeMap(Map<?, ?> map, int depth) {
        FrozenJson.MapBuilder copy = FrozenJson.mapBuilder();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            try {
                copy.put(key, freeze(entry.getValue(), depth));
            } catch (InvalidValue e) {
                throw e.under("." + key);
            }
        }
        return copy.build();
    }

    private static Object freezeScalar(Object value) {
        if (value instanceof AtomicInteger || value instanceof AtomicLong || value instanceof LongAdder) {
            return ((Number) value).longValue();
        }
        if (value instanceof DoubleAdder adder) {
            return adder.doubleValue();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof CharSequence || value instanceof Character || value instanceof UUID
                || value instanceof TemporalAccessor) {
            return value.toString();
        }
        throw new InvalidValue("must be JSON-compatible (null, boolean, number, string, map, collection"
                + " or array), got " + value.getClass().getName());
    }

    /** Thrown inside the walk; collects the path on its way out, so the happy path builds no strings. */
    private static final class InvalidValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String problem;
        private String path = "";

        InvalidValue(String problem) {
            super(problem, null, false, false);
            this.problem = problem;
        }

        InvalidValue under(String segment) {
            path = segment + path;
            return this;
        }

        String describe(String root) {
            return "checkpoint " + root + " value at " + root + path + " " + problem;
        }
    }
}
