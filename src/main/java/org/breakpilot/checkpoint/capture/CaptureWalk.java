package org.breakpilot.checkpoint.capture;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channel;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.stream.BaseStream;
import org.breakpilot.checkpoint.FrozenJson;

/**
 * One capture: a depth-first walk with a byte budget and the objects on the current path (for
 * cycles). Not thread-safe; {@link ValueCapture} makes one per call.
 */
final class CaptureWalk {

    static final String DEPTH_LIMIT = "[depth limit]";
    static final String SIZE_LIMIT = "[size limit]";
    static final String TRUNCATED_KEY = "\u2026";

    /** Types whose methods may block, consume or touch the outside world: never walked. */
    private static final List<Class<?>> NOT_CAPTURED = List.of(InputStream.class, OutputStream.class, Reader.class,
            Writer.class, Channel.class, Socket.class, ServerSocket.class, Thread.class, ClassLoader.class,
            Class.class, Iterator.class, BaseStream.class, Future.class, Lock.class, Executor.class);

    private final CaptureLimits limits;
    private final Redaction redaction;
    private final BeanProperties beans;
    // The containers being walked, outermost first: a cycle is a value already on it. An array, since
    // the path is as short as maxDepth and a map per capture would cost more than the scan.
    private Object[] path = new Object[4];
    private int pathLength;
    private long bytesLeft;
    // Whether anything was cut, redacted or replaced by a placeholder: such a snapshot cannot be replayed.
    private boolean lossy;
    // Since the last takeHidden: what the capture hides of the values it walked.
    private Hidden hidden = Hidden.NOTHING;
    // Whether a bean was met that Jackson cannot build back from its capture.
    private boolean unbuildable;

    CaptureWalk(CaptureLimits limits, Redaction redaction, BeanProperties beans) {
        this.limits = limits;
        this.redaction = redaction;
        this.beans = beans;
        this.bytesLeft = limits.maxBytes();
    }

    Object capture(Object value) {
        return walk(value, 1);
    }

    /**
     * Whether a walk returns {@code value} itself, whatever its budget: null, a boolean, an int, long or
     * double, a string within {@code maxStringLength}. A capture of one needs no walk.
     */
    static boolean capturedAsIs(Object value, CaptureLimits limits) {
        return value == null || value instanceof Integer || value instanceof Long || value instanceof Boolean
                || value instanceof Double || value instanceof String text && text.length() <= limits.maxStringLength();
    }

    /** Whether what was captured so far leaves anything out. */
    boolean lossy() {
        return lossy;
    }

    /** What a capture hides of content that tells values apart. */
    enum Hidden {
        NOTHING,
        /** Fields of a bean that its properties do not show. */
        FIELDS,
        /** What a limit cut off (a long string's end, elements past the limit). */
        CUT,
        /** A secret, redacted. */
        SECRET
    }

    /** What was captured since the last call hides; the worst of it. */
    Hidden takeHidden() {
        Hidden taken = hidden;
        hidden = Hidden.NOTHING;
        return taken;
    }

    /** Whether an object of a class Jackson cannot build back from its capture was captured. */
    boolean unbuildable() {
        return unbuildable;
    }

    private Object walk(Object value, int depth) {
        if (bytesLeft <= 0) {
            return cut(SIZE_LIMIT);
        }
        try {
            return walkUnchecked(value, depth);
        } catch (StackOverflowError | RuntimeException | LinkageError e) {
            return lost("[unserializable " + value.getClass().getName() + ": " + describe(e) + "]");
        }
    }

    private Object walkUnchecked(Object value, int depth) {
        if (value == null) {
            return spend(null, 4);
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof Boolean) {
            return spend(value, 5);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return spend(value, 8);
        }
        if (value instanceof Short || value instanceof Byte) {
            return spend(((Number) value).intValue(), 4);
        }
        if (value instanceof Float f) {
            return spend(f.doubleValue(), 8);
        }
        if (value instanceof AtomicInteger || value instanceof AtomicLong) {
            return spend(((Number) value).longValue(), 8);
        }
        if (value instanceof Character || value instanceof Enum<?>) {
            return string(value instanceof Enum<?> constant ? constant.name() : value.toString());
        }
        if (value instanceof Optional<?> optional) {
            return walk(optional.orElse(null), depth);
        }
        Class<?> type = value.getClass();
        if (type.isSynthetic() || type.isHidden() || notCaptured(value)) {
            return spend(lost("[not captured: " + describeType(value) + "]"), 32);
        }
        if (depth > limits.maxDepth()) {
            return spend(cut(DEPTH_LIMIT), 16);
        }
        if (type == byte[].class) {
            return string(Base64.getEncoder().encodeToString(truncate((byte[]) value)));
        }
        boolean container = value instanceof Map || value instanceof Collection || type.isArray();
        if (!container && JdkValues.isJdk(type)) {
            return string(value.toString());
        }
        if (onPath(value)) {
            return spend(lost("[cycle: " + type.getName() + "]"), 32);
        }
        enterPath(value);
        try {
            if (value instanceof Map<?, ?> map) {
                return map(map, depth);
            }
            if (value instanceof Collection<?> collection) {
                return list(collection.iterator(), collection.size(), depth);
            }
            if (type.isArray()) {
                return array(value, depth);
            }
            return bean(value, depth);
        } finally {
            path[--pathLength] = null;
        }
    }

    private boolean onPath(Object value) {
        for (int i = 0; i < pathLength; i++) {
            if (path[i] == value) {
                return true;
            }
        }
        return false;
    }

    private void enterPath(Object value) {
        if (pathLength == path.length) {
            path = Arrays.copyOf(path, path.length * 2);
        }
        path[pathLength++] = value;
    }

    private Map<String, Object> map(Map<?, ?> map, int depth) {
        int size = map.size();
        FrozenJson.MapBuilder captured = FrozenJson.mapBuilder(Math.min(size, limits.maxElements() + 1));
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (captured.size() == limits.maxElements()) {
                captured.put(TRUNCATED_KEY, cut("[truncated " + (size - limits.maxElements()) + " entries]"));
                break;
            }
            String key = String.valueOf(entry.getKey());
            bytesLeft -= key.length() + 4;
            captured.put(key, redaction.isSecret(key) ? redacted() : walk(entry.getValue(), depth + 1));
        }
        return captured.build();
    }

    private List<Object> list(Iterator<?> elements, int size, int depth) {
        FrozenJson.ListBuilder captured = FrozenJson.listBuilder(Math.min(size, limits.maxElements()) + 1);
        while (elements.hasNext()) {
            if (captured.size() == limits.maxElements()) {
                captured.add(cut("[truncated " + (size - limits.maxElements()) + " elements]"));
                break;
            }
            captured.add(walk(elements.next(), depth + 1));
        }
        return captured.build();
    }

    private List<Object> array(Object array, int depth) {
        int length = Array.getLength(array);
        FrozenJson.ListBuilder captured = FrozenJson.listBuilder(Math.min(length, limits.maxElements()) + 1);
        for (int i = 0; i < length; i++) {
            if (i == limits.maxElements()) {
                captured.add(cut("[truncated " + (length - limits.maxElements()) + " elements]"));
                break;
            }
            captured.add(walk(Array.get(array, i), depth + 1));
        }
        return captured.build();
    }

    private Map<String, Object> bean(Object bean, int depth) {
        if (hidden == Hidden.NOTHING && !beans.showsAllFields(bean.getClass())) {
            hidden = Hidden.FIELDS;
        }
        unbuildable |= !beans.buildable(bean.getClass());
        List<BeanProperties.Property> properties = beans.of(bean.getClass());
        FrozenJson.MapBuilder captured = FrozenJson.mapBuilder(properties.size());
        for (BeanProperties.Property property : properties) {
            bytesLeft -= property.name().length() + 4;
            if (redaction.isSecret(property.name())) {
                captured.put(property.name(), redacted());
                continue;
            }
            Object value;
            try {
                value = property.read(bean);
            } catch (RuntimeException | LinkageError e) {
                captured.put(property.name(), lost("[unserializable " + bean.getClass().getName() + "."
                        + property.name() + ": " + describe(e) + "]"));
                continue;
            }
            captured.put(property.name(), walk(value, depth + 1));
        }
        return captured.build();
    }

    private Object string(String text) {
        String kept = text.length() <= limits.maxStringLength() ? text
                : cut(text.substring(0, limits.maxStringLength()) + "\u2026[truncated "
                        + (text.length() - limits.maxStringLength()) + " chars]");
        return spend(kept, kept.length() + 2);
    }

    private byte[] truncate(byte[] bytes) {
        int keep = Math.min(bytes.length, limits.maxStringLength() * 3 / 4);
        if (keep < bytes.length) {
            markCut();
        }
        return keep == bytes.length ? bytes : Arrays.copyOf(bytes, keep);
    }

    private String redacted() {
        hidden = Hidden.SECRET;
        return lost(Redaction.REDACTED);
    }

    /** A placeholder for what a limit cut off: content that may tell two values apart is gone. */
    private String cut(String placeholder) {
        markCut();
        return placeholder;
    }

    private void markCut() {
        lossy = true;
        if (hidden == Hidden.NOTHING) {
            hidden = Hidden.CUT;
        }
    }

    private String lost(String placeholder) {
        lossy = true;
        return placeholder;
    }

    private Object spend(Object captured, int bytes) {
        bytesLeft -= bytes;
        return captured;
    }

    /**
     * What a capture records of a JDK value that is no container: a placeholder naming the type for
     * those never walked (streams, threads, ...), else its {@code toString}.
     */
    static String jdkText(Object value) {
        return notCaptured(value) ? "[not captured: " + describeType(value) + "]" : value.toString();
    }

    private static boolean notCaptured(Object value) {
        for (Class<?> type : NOT_CAPTURED) {
            if (type.isInstance(value)) {
                return true;
            }
        }
        return false;
    }

    private static String describeType(Object value) {
        Class<?> type = value.getClass();
        if (type.isSynthetic() || type.isHidden()) {
            return "lambda or generated class " + type.getName();
        }
        for (Class<?> notCaptured : NOT_CAPTURED) {
            if (notCaptured.isInstance(value)) {
                return notCaptured.getName();
            }
        }
        return type.getName();
    }

    /** The cause a getter threw, without calling anything but the exception's own methods. */
    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null && e instanceof IllegalArgumentException ? e.getCause() : e;
        if (cause instanceof java.lang.reflect.InvocationTargetException target && target.getCause() != null) {
            cause = target.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + abbreviate(message));
    }

    private static String abbreviate(String message) {
        return message.length() <= 200 ? message : message.substring(0, 200) + "\u2026";
    }
}
