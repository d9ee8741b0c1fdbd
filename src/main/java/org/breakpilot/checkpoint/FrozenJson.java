package org.breakpilot.checkpoint;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Builds the deeply immutable maps and lists a {@link Checkpoint} holds, for producers that make such
 * values on a hot path (the agent's argument capture) and must not pay for a second, defensive copy.
 *
 * <p>Immutability holds by construction, not by promise: a builder accepts only JDK scalars
 * ({@code null}, strings, booleans, numbers) and values that builders of this class (or a
 * {@link LazyFrozenMap}) made, keeps its
 * entries to itself, and is spent once built. The manager takes what a builder made as it is; every
 * other map or list it copies. Builders are not thread-safe; what they build is.
 */
public final class FrozenJson {

    /**
     * The deepest a checkpoint's value nests: deeper is almost surely a cycle, and JSON readers refuse such
     * documents too. {@link JsonReadLimits#DEFAULT} reads no deeper.
     */
    public static final int MAX_DEPTH = 500;

    /** The most entries a map keeps in one array rather than a hash map. */
    static final int SMALL = 8;

    private FrozenJson() {
    }

    /** A builder of an insertion-ordered map. */
    public static MapBuilder mapBuilder() {
        return new MapBuilder(4);
    }

    /**
     * A builder of an insertion-ordered map of about {@code expectedEntries} entries: when that is how many
     * it gets, the map keeps the builder's array rather than a copy.
     */
    public static MapBuilder mapBuilder(int expectedEntries) {
        return new MapBuilder(expectedEntries);
    }

    /** A builder of a list of about {@code expectedSize} elements. */
    public static ListBuilder listBuilder(int expectedSize) {
        return new ListBuilder(expectedSize);
    }

    /** Whether the manager keeps {@code value} as it is: a JDK scalar, or a value a builder made. */
    static boolean isFrozen(Object value) {
        return value == null || value instanceof String || value instanceof Boolean
                || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof BigInteger || value instanceof BigDecimal || value instanceof Float
                || value instanceof Short || value instanceof Byte
                || value instanceof FrozenMap || value instanceof LargeFrozenMap || value instanceof FrozenList
                || value instanceof LazyFrozenMap;
    }

    /** {@code map} itself when a builder made it, else null. */
    static Map<String, Object> ifFrozen(Map<?, ?> map) {
        if (map instanceof FrozenMap || map instanceof LargeFrozenMap || map instanceof LazyFrozenMap) {
            @SuppressWarnings("unchecked")
            Map<String, Object> frozen = (Map<String, Object>) map;
            return frozen;
        }
        return null;
    }

    static Object requireFrozen(Object value, Object where) {
        if (!isFrozen(value)) {
            throw new IllegalArgumentException("a frozen JSON value at " + where + " must be null, a string, a boolean,"
                    + " a number or a value a FrozenJson builder made, got " + value.getClass().getName());
        }
        return value;
    }

    /**
     * Builds one insertion-ordered, unmodifiable map of frozen values. A map of up to {@value #SMALL}
     * entries (most of what checkpoints hold: arguments, metadata, small beans) is kept as one array of
     * keys and values, a fraction of a hash map's heap.
     */
    public static final class MapBuilder {
        private Object[] pairs;
        private int size;
        private LinkedHashMap<String, Object> large;
        private boolean built;

        private MapBuilder(int expectedEntries) {
            pairs = new Object[2 * Math.max(1, Math.min(expectedEntries, SMALL))];
        }

        /**
         * Puts {@code value} under {@code key}, replacing what was there.
         *
         * @throws IllegalArgumentException when {@code value} is neither a JDK scalar nor built here
         * @throws IllegalStateException    when the map was already built
         */
        public MapBuilder put(String key, Object value) {
            requireOpen();
            requireFrozen(value, key);
            if (large != null) {
                large.put(key, value);
                return this;
            }
            for (int i = 0; i < 2 * size; i += 2) {
                if (Objects.equals(pairs[i], key)) {
                    pairs[i + 1] = value;
                    return this;
                }
            }
            if (size == SMALL) {
                large = new LinkedHashMap<>();
                for (int i = 0; i < 2 * size; i += 2) {
                    large.put((String) pairs[i], pairs[i + 1]);
                }
                large.put(key, value);
                pairs = null;
                return this;
            }
            if (2 * size == pairs.length) {
                pairs = Arrays.copyOf(pairs, 2 * pairs.length);
            }
            pairs[2 * size] = key;
            pairs[2 * size + 1] = value;
            size++;
            return this;
        }

        /** Puts every entry of {@code map}, on the terms of {@link #put}. */
        public MapBuilder putAll(Map<String, ?> map) {
            map.forEach(this::put);
            return this;
        }

        /** The entries put so far. */
        public int size() {
            requireOpen();
            return large != null ? large.size() : size;
        }

        /** The map; the builder is spent. */
        public Map<String, Object> build() {
            requireOpen();
            built = true;
            if (large != null) {
                return new LargeFrozenMap(large);
            }
            return new FrozenMap(pairs.length == 2 * size ? pairs : Arrays.copyOf(pairs, 2 * size));
        }

        private void requireOpen() {
            if (built) {
                throw new IllegalStateException("this map was already built");
            }
        }
    }

    /** Builds one unmodifiable list of frozen values. */
    public static final class ListBuilder {
        private ArrayList<Object> elements;

        private ListBuilder(int expectedSize) {
            elements = new ArrayList<>(expectedSize);
        }

        /** Adds {@code element}, on the terms of {@link MapBuilder#put}. */
        public ListBuilder add(Object element) {
            ArrayList<Object> open = open();
            // The position is spelled out only for a refusal: this runs for every element captured.
            open.add(isFrozen(element) ? element : requireFrozen(element, "[" + open.size() + "]"));
            return this;
        }

        /** Adds every element of {@code elements}, in order. */
        public ListBuilder addAll(Collection<?> elements) {
            elements.forEach(this::add);
            return this;
        }

        /** The elements added so far. */
        public int size() {
            return open().size();
        }

        /** The list; the builder is spent. */
        public List<Object> build() {
            List<Object> built = new FrozenList(open());
            elements = null;
            return built;
        }

        private ArrayList<Object> open() {
            if (elements == null) {
                throw new IllegalStateException("this list was already built");
            }
            return elements;
        }
    }

    /**
     * An unmodifiable, insertion-ordered map of a few entries whose values are all frozen: keys and
     * values alternate in one array, so that the map is two objects (larger maps are a
     * {@link LargeFrozenMap}, a class of their own so that this one has no field for them).
     */
    static final class FrozenMap extends AbstractMap<String, Object> {
        static final FrozenMap EMPTY = new FrozenMap(new Object[0]);
        private final Object[] pairs;

        FrozenMap(Object[] pairs) {
            this.pairs = pairs;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new PairEntries(pairs);
        }

        @Override
        public Object get(Object key) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (Objects.equals(pairs[i], key)) {
                    return pairs[i + 1];
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (Objects.equals(pairs[i], key)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int size() {
            return pairs.length / 2;
        }
    }

    /** An unmodifiable, insertion-ordered map whose values are all frozen, over a linked hash map nothing else holds. */
    static final class LargeFrozenMap extends AbstractMap<String, Object> {
        private final Map<String, Object> entries;

        LargeFrozenMap(LinkedHashMap<String, Object> entries) {
            this.entries = Collections.unmodifiableMap(entries);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public Object get(Object key) {
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

    /** The entries of a small {@link FrozenMap}, read-only. */
    private static final class PairEntries extends AbstractSet<Map.Entry<String, Object>> {
        private final Object[] pairs;

        PairEntries(Object[] pairs) {
            this.pairs = pairs;
        }

        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < pairs.length;
                }

                @Override
                public Map.Entry<String, Object> next() {
                    if (next >= pairs.length) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<String, Object> entry = new AbstractMap.SimpleImmutableEntry<>((String) pairs[next],
                            pairs[next + 1]);
                    next += 2;
                    return entry;
                }
            };
        }

        @Override
        public int size() {
            return pairs.length / 2;
        }
    }

    /** An unmodifiable list whose elements are all frozen. */
    static final class FrozenList extends AbstractList<Object> implements RandomAccess {
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
