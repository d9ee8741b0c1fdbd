package org.breakpilot.checkpoint;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Deep immutable snapshots of JSON-compatible values, the only values a {@link Checkpoint} holds.
 *
 * <p>Accepted: {@code null}, strings, booleans, numbers, maps (keys become strings), collections and
 * arrays (become lists). Values with an obvious JSON string form (characters, enums by name, UUIDs,
 * {@code java.time} values) become that string; mutable counters become their current number.
 * Anything else is rejected, naming where it was found, because a snapshot that still referred to a
 * caller's object could change after the fact.
 */
final class ValueSnapshot {

    /** Deeper than this is almost surely a cycle; JSON readers refuse such documents too. */
    static final int MAX_DEPTH = 500;

    private ValueSnapshot() {
    }

    /** A deep immutable copy of {@code map}; {@code null} becomes an empty map. */
    static Map<String, Object> ofMap(Map<?, ?> map, String what) {
        if (map == null) {
            return FrozenMap.EMPTY;
        }
        if (map instanceof JsonSnapshot) {
            return castTrusted(map);
        }
        try {
            return freezeMap(map, 1);
        } catch (InvalidValue e) {
            throw new IllegalArgumentException(e.describe(what));
        }
    }

    static Map<String, Object> adoptMap(LinkedHashMap<String, Object> entries) {
        return new FrozenMap<>(entries);
    }

    static List<Object> adoptList(List<Object> elements) {
        return new FrozenList(elements);
    }

    /** A {@link JsonSnapshot} map promises string keys. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> castTrusted(Map<?, ?> snapshot) {
        return (Map<String, Object>) snapshot;
    }

    private static Object freeze(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof BigInteger || value instanceof BigDecimal || value instanceof Float
                || value instanceof Short || value instanceof Byte
                || value instanceof JsonSnapshot) {
            return value;
        }
        if (depth > MAX_DEPTH) {
            throw new InvalidValue("nesting is deeper than " + MAX_DEPTH + " levels (a cycle?)");
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
            return new FrozenList(copy);
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> copy = new ArrayList<>(length);
            for (int index = 0; index < length; index++) {
                copy.add(freezeElement(Array.get(value, index), index, depth));
            }
            return new FrozenList(copy);
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

    private static FrozenMap<Object> freezeMap(Map<?, ?> map, int depth) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 4 / 3 + 1));
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            try {
                copy.put(key, freeze(entry.getValue(), depth));
            } catch (InvalidValue e) {
                throw e.under("." + key);
            }
        }
        return new FrozenMap<>(copy);
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

    /** An unmodifiable, insertion-ordered map whose values are all frozen. */
    private static final class FrozenMap<V> extends AbstractMap<String, V> implements JsonSnapshot {
        static final FrozenMap<Object> EMPTY = new FrozenMap<>(new LinkedHashMap<>());
        private final Map<String, V> entries;

        FrozenMap(LinkedHashMap<String, V> entries) {
            this.entries = Collections.unmodifiableMap(entries);
        }

        @Override
        public Set<Entry<String, V>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public V get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public int size() {
            return entries.size();
        }
    }

    /** An unmodifiable list whose elements are all frozen. */
    private static final class FrozenList extends AbstractList<Object> implements RandomAccess, JsonSnapshot {
        private final List<Object> elements;

        FrozenList(List<Object> elements) {
            this.elements = elements;
        }

        @Override
        public Object get(int index) {
            return elements.get(index);
        }

        @Override
        public int size() {
            return elements.size();
        }
    }
}
