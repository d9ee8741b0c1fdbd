package org.breakpilot.checkpoint.json;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import org.breakpilot.checkpoint.JsonSnapshot;

/**
 * The containers a capture returns: read-only views over the maps and lists the capture built and
 * never touches again, marked {@link JsonSnapshot} so that the manager keeps them without copying the
 * whole snapshot a second time on every recorded call.
 */
final class CapturedValues {

    private CapturedValues() {
    }

    /** {@code entries} as a snapshot; the caller hands it over and keeps no reference. */
    static Map<String, Object> map(Map<String, Object> entries) {
        return new CapturedMap(entries);
    }

    /** {@code elements} as a snapshot; the caller hands it over and keeps no reference. */
    static List<Object> list(List<Object> elements) {
        return new CapturedList(elements);
    }

    private static final class CapturedMap extends AbstractMap<String, Object> implements JsonSnapshot {
        private final Map<String, Object> entries;

        CapturedMap(Map<String, Object> entries) {
            this.entries = entries;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Collections.unmodifiableMap(entries).entrySet();
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

    private static final class CapturedList extends AbstractList<Object> implements RandomAccess, JsonSnapshot {
        private final List<Object> elements;

        CapturedList(List<Object> elements) {
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
