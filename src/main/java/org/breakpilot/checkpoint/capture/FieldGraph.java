package org.breakpilot.checkpoint.capture;

import java.lang.reflect.Array;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.breakpilot.checkpoint.FrozenJson;

/**
 * The field graph of a value: what {@link FieldGraphReader} rebuilds it from, for values Jackson cannot
 * build (no default constructor, no setters, builder-only and final-field classes). A value is written
 * as JSON against the declared type of its slot ({@link SlotTypes}):
 * <ul>
 *   <li>a scalar ({@link JdkValues}: strings, boxed primitives, big numbers, {@code java.time}) or an
 *       enum constant's name as one JSON value;</li>
 *   <li>any other object as a map of its instance fields ({@link GraphFields}) by key;</li>
 *   <li>a JDK collection or array as {@code {"@class": …, "@items": […]}}, a map as
 *       {@code {"@class": …, "@entries": [[key, value], …]}}, an {@code Optional} as
 *       {@code {"@class": "java.util.Optional", "@value": …}};</li>
 * </ul>
 * and a value whose class is not its slot's names it: {@code {"@class": …, "@value": …}} for a scalar
 * or enum, the {@code @class} key among an object's fields. Work is bounded by the limits' depth, and
 * by their byte budget counted per node.
 *
 * <p>Captured {@link Purpose#REBUILD to rebuild}, a graph that would not rebuild exactly (a cycle, a
 * limit, a secret-named field or key redacted, a JDK class it does not know, a lambda) holds a
 * placeholder there and is not complete. Captured {@link Purpose#HASH to hash}, it records what
 * differs between two values instead: secret-named values as they are (the caller must not store such
 * a graph, only a keyed hash of it) and unknown JDK values by their {@code toString}. Not thread-safe:
 * one per capture.
 */
public final class FieldGraph {

    static final String CLASS_KEY = "@class";
    static final String VALUE_KEY = "@value";
    static final String ITEMS_KEY = "@items";
    static final String ENTRIES_KEY = "@entries";

    /** What a graph is for. */
    public enum Purpose {
        /** To be stored and rebuilt: secrets are redacted, anything that cannot be rebuilt is a loss. */
        REBUILD,
        /** To be hashed, never stored: every value that tells two arguments apart is kept. */
        HASH
    }

    /**
     * A captured graph.
     *
     * @param graph     the JSON value
     * @param complete  whether it rebuilds exactly: nothing cut, redacted or left out
     * @param sawSecret whether it met a secret-named field or map key
     */
    public record Captured(Object graph, boolean complete, boolean sawSecret) {
    }

    /**
     * Fields whose collection's order does not tell two calls apart, compared as sets when hashed:
     * LangChain4j lists a class's tools in reflection order, which differs from one JVM run to the next,
     * so every resumed model turn would otherwise look changed.
     */
    private static final Set<String> ORDER_FREE_FIELDS =
            Set.of("dev.langchain4j.model.chat.request.DefaultChatRequestParameters.toolSpecifications");

    private final CaptureLimits limits;
    private final Redaction redaction;
    private final Purpose purpose;
    private final Map<Object, Boolean> path = new IdentityHashMap<>();
    private long bytesLeft;
    private boolean lossy;
    private boolean sawSecret;

    private FieldGraph(CaptureLimits limits, Redaction redaction, Purpose purpose) {
        this.limits = limits;
        this.redaction = redaction;
        this.purpose = purpose;
        this.bytesLeft = limits.maxBytes();
    }

    /** The graph of {@code value}, sitting in a slot of declared type {@code slot}. */
    public static Captured capture(Object value, Type slot, CaptureLimits limits, Redaction redaction,
                                   Purpose purpose) {
        FieldGraph walk = new FieldGraph(limits, redaction, purpose);
        Object graph = walk.node(value, slot, 1);
        return new Captured(graph, !walk.lossy, walk.sawSecret);
    }

    private Object node(Object value, Type slot, int depth) {
        bytesLeft -= 8;
        if (value == null) {
            return null;
        }
        if (bytesLeft <= 0 || depth > limits.maxDepth()) {
            return lost("[limit]");
        }
        try {
            return nodeUnchecked(value, slot, depth);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError | StackOverflowError e) {
            return lost("[unreadable " + value.getClass().getName() + ": " + e.getClass().getSimpleName() + "]");
        }
    }

    private Object nodeUnchecked(Object value, Type slot, int depth) throws IllegalAccessException {
        Class<?> slotClass = SlotTypes.erase(slot);
        Class<?> scalar = JdkValues.scalarClass(value);
        if (scalar != null || value instanceof Enum<?>) {
            Class<?> type = scalar != null ? scalar : ((Enum<?>) value).getDeclaringClass();
            Object written = scalar != null ? JdkValues.write(value) : ((Enum<?>) value).name();
            bytesLeft -= written instanceof String text ? text.length() : 8;
            return SlotTypes.isSlotClass(type, slotClass) ? written : tagged(type, VALUE_KEY, written);
        }
        Class<?> type = value.getClass();
        if (type.isHidden() || type.isSynthetic()) {
            return lost("[not rebuildable: lambda or generated class " + type.getName() + "]");
        }
        if (path.put(value, Boolean.TRUE) != null) {
            return lost("[cycle: " + type.getName() + "]");
        }
        try {
            return container(value, type, slot, depth);
        } finally {
            path.remove(value);
        }
    }

    private Object container(Object value, Class<?> type, Type slot, int depth) throws IllegalAccessException {
        if (value instanceof Optional<?> optional) {
            return optional.isPresent()
                    ? tagged(Optional.class, VALUE_KEY, node(optional.get(), SlotTypes.argument(slot, 0), depth + 1))
                    : tagged(Optional.class, null, null);
        }
        if (type.isArray()) {
            FrozenJson.ListBuilder items = FrozenJson.listBuilder(Array.getLength(value));
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(node(Array.get(value, i), SlotTypes.component(type), depth + 1));
            }
            return tagged(type, ITEMS_KEY, items.build());
        }
        if (JdkValues.isJdk(type)) {
            Class<?> kind = JdkValues.containerClass(value);
            if (kind == null) {
                // As a capture records it: a JDK value's toString is safe to call, and tells two apart.
                return purpose == Purpose.HASH ? "[" + type.getName() + "] " + CaptureWalk.jdkText(value)
                        : lost("[not rebuildable: " + type.getName() + "]");
            }
            return value instanceof Map<?, ?> map ? tagged(kind, ENTRIES_KEY, entries(map, slot, depth))
                    : tagged(kind, ITEMS_KEY, items((Collection<?>) value, slot, depth));
        }
        return object(value, type, slot, depth);
    }

    private List<Object> items(Collection<?> collection, Type slot, int depth) {
        FrozenJson.ListBuilder items = FrozenJson.listBuilder(collection.size());
        for (Object element : collection) {
            items.add(node(element, SlotTypes.argument(slot, 0), depth + 1));
        }
        return items.build();
    }

    private List<Object> entries(Map<?, ?> map, Type slot, int depth) {
        FrozenJson.ListBuilder entries = FrozenJson.listBuilder(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            boolean secret = entry.getKey() instanceof String key && isSecret(key, entry.getValue());
            FrozenJson.ListBuilder pair = FrozenJson.listBuilder(2);
            pair.add(node(entry.getKey(), SlotTypes.argument(slot, 0), depth + 1));
            pair.add(secret && redacts() ? Redaction.REDACTED
                    : node(entry.getValue(), SlotTypes.argument(slot, 1), depth + 1));
            entries.add(pair.build());
        }
        return entries.build();
    }

    private Object object(Object value, Class<?> type, Type slot, int depth) throws IllegalAccessException {
        List<GraphFields.GraphField> fields = GraphFields.of(type);
        if (fields == null) {
            return lost("[not rebuildable: fields of " + type.getName() + " are not accessible]");
        }
        boolean slotClass = SlotTypes.isSlotClass(type, SlotTypes.erase(slot));
        FrozenJson.MapBuilder node = FrozenJson.mapBuilder();
        if (!slotClass) {
            node.put(CLASS_KEY, type.getName());
        }
        Type ownerSlot = slotClass ? slot : type;
        for (GraphFields.GraphField field : fields) {
            bytesLeft -= field.key().length() + 4;
            Object fieldValue = field.field().get(value);
            Object fieldNode = isSecret(field.field().getName(), fieldValue) && redacts() ? Redaction.REDACTED
                    : node(fieldValue, SlotTypes.field(field.field(), ownerSlot), depth + 1);
            node.put(field.key(), purpose == Purpose.HASH && isOrderFree(field) ? inContentOrder(fieldNode) : fieldNode);
        }
        return node.build();
    }

    private static boolean isOrderFree(GraphFields.GraphField field) {
        return ORDER_FREE_FIELDS.contains(field.field().getDeclaringClass().getName() + "." + field.field().getName());
    }

    /** A collection's node with its items in the order of their text, so that their order hashes alike. */
    private static Object inContentOrder(Object collectionNode) {
        if (!(collectionNode instanceof Map<?, ?> node) || !(node.get(ITEMS_KEY) instanceof List<?> items)) {
            return collectionNode;
        }
        List<Object> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(String::valueOf));
        return FrozenJson.mapBuilder().put(CLASS_KEY, node.get(CLASS_KEY))
                .put(ITEMS_KEY, FrozenJson.listBuilder(sorted.size()).addAll(sorted).build()).build();
    }

    /** Whether {@code value} under {@code name} is a secret: a null hides nothing, and stays null. */
    private boolean isSecret(String name, Object value) {
        return value != null && redaction.isSecret(name);
    }

    /**
     * Notes a secret-named value, and whether it is redacted: to rebuild it is (and the graph is not
     * complete), to hash it is kept.
     */
    private boolean redacts() {
        sawSecret = true;
        lossy |= purpose == Purpose.REBUILD;
        return purpose == Purpose.REBUILD;
    }

    private static Map<String, Object> tagged(Class<?> type, String key, Object value) {
        FrozenJson.MapBuilder node = FrozenJson.mapBuilder().put(CLASS_KEY, type.getName());
        if (key != null) {
            node.put(key, value);
        }
        return node.build();
    }

    private String lost(String placeholder) {
        lossy = true;
        return placeholder;
    }
}
