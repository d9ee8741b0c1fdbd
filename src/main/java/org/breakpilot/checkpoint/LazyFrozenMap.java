package org.breakpilot.checkpoint;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A frozen map whose entries are laid out once, when something first reads it (an export, JMX, the
 * journal's writer), so that the thread that made it lays out nothing: the agent records a call as one
 * small object holding the call's few fields. The manager keeps it without copying, like what a
 * {@link FrozenJson} builder made.
 *
 * <p>A subclass only supplies entries: it puts them through a {@link FrozenJson.MapBuilder}, which
 * accepts nothing mutable, and every method of the map is final here, so no subclass can hand out
 * anything but those frozen entries. {@link #putEntries} must put the same entries each time it is
 * called (two threads may lay the map out at once), which holds when it puts only final fields of
 * immutable values.
 */
public abstract class LazyFrozenMap extends AbstractMap<String, Object> {

    /** What {@link #quickValue} answers for a key it does not know without laying the entries out. */
    protected static final Object UNKNOWN = new Object();

    private volatile Map<String, Object> entries;

    /** For subclasses, which hold the fields their entries are made of. */
    protected LazyFrozenMap() {
    }

    /** Puts the entries, in order. */
    protected abstract void putEntries(FrozenJson.MapBuilder entries);

    /**
     * The value of {@code key} when it is known without laying the entries out, or {@link #UNKNOWN}: for
     * the keys that hot paths ask of every checkpoint. The answer must be a frozen value, and the one the
     * entries hold.
     */
    protected Object quickValue(Object key) {
        return UNKNOWN;
    }

    @Override
    public final Set<Entry<String, Object>> entrySet() {
        return laidOut().entrySet();
    }

    @Override
    public final Object get(Object key) {
        Object quick = quickValue(key);
        return quick == UNKNOWN ? laidOut().get(key) : FrozenJson.requireFrozen(quick, key);
    }

    @Override
    public final boolean containsKey(Object key) {
        return laidOut().containsKey(key);
    }

    @Override
    public final boolean containsValue(Object value) {
        return laidOut().containsValue(value);
    }

    @Override
    public final int size() {
        return laidOut().size();
    }

    @Override
    public final boolean isEmpty() {
        return laidOut().isEmpty();
    }

    @Override
    public final Set<String> keySet() {
        return laidOut().keySet();
    }

    @Override
    public final Collection<Object> values() {
        return laidOut().values();
    }

    @Override
    public final Object getOrDefault(Object key, Object defaultValue) {
        return laidOut().getOrDefault(key, defaultValue);
    }

    @Override
    public final void forEach(BiConsumer<? super String, ? super Object> action) {
        laidOut().forEach(action);
    }

    @Override
    public final boolean equals(Object other) {
        return laidOut().equals(other);
    }

    @Override
    public final int hashCode() {
        return laidOut().hashCode();
    }

    @Override
    public final String toString() {
        return laidOut().toString();
    }

    @Override
    public final Object put(String key, Object value) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final Object remove(Object key) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final void putAll(Map<? extends String, ?> map) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final void clear() {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final Object putIfAbsent(String key, Object value) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final boolean remove(Object key, Object value) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final boolean replace(String key, Object oldValue, Object newValue) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final Object replace(String key, Object value) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final Object computeIfAbsent(String key, Function<? super String, ?> mapping) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final Object compute(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    @Override
    public final Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remapping) {
        throw new UnsupportedOperationException("a checkpoint's map is immutable");
    }

    private Map<String, Object> laidOut() {
        Map<String, Object> laidOut = entries;
        if (laidOut == null) {
            FrozenJson.MapBuilder builder = FrozenJson.mapBuilder();
            putEntries(builder);
            laidOut = builder.build();
            entries = laidOut;
        }
        return laidOut;
    }
}
