package org.breakpilot.checkpoint.capture;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jackson annotations of one class, member or parameter, found by the names of their types: the
 * application's own Jackson (any version, any class loader) marks its classes, and reading its annotations
 * by name loads nothing of ours nor theirs. Bundles (annotations carrying {@code @JacksonAnnotationsInside})
 * contribute what they carry; the first annotation of a name wins, as in Jackson.
 */
final class JsonAnnotations {

    // Built at run time: the agent jar's shading rewrites every literal naming com.fasterxml.jackson into our
    // relocated package, and these must name the application's annotation types.
    private static final String ANNOTATION = String.join(".", "com", "fasterxml", "jackson", "annotation", "");
    private static final String DATABIND = String.join(".", "com", "fasterxml", "jackson", "databind", "annotation",
            "");

    static final String JSON_IGNORE = ANNOTATION + "JsonIgnore";
    static final String JSON_PROPERTY = ANNOTATION + "JsonProperty";
    static final String JSON_GETTER = ANNOTATION + "JsonGetter";
    static final String JSON_SETTER = ANNOTATION + "JsonSetter";
    static final String JSON_VALUE = ANNOTATION + "JsonValue";
    static final String JSON_KEY = ANNOTATION + "JsonKey";
    static final String JSON_ANY_GETTER = ANNOTATION + "JsonAnyGetter";
    static final String JSON_ANY_SETTER = ANNOTATION + "JsonAnySetter";
    static final String JSON_CREATOR = ANNOTATION + "JsonCreator";
    static final String JSON_BACK_REFERENCE = ANNOTATION + "JsonBackReference";
    static final String JSON_IGNORE_PROPERTIES = ANNOTATION + "JsonIgnoreProperties";
    static final String JSON_INCLUDE_PROPERTIES = ANNOTATION + "JsonIncludeProperties";
    static final String JSON_PROPERTY_ORDER = ANNOTATION + "JsonPropertyOrder";
    static final String JSON_AUTO_DETECT = ANNOTATION + "JsonAutoDetect";
    static final String JSON_IGNORE_TYPE = ANNOTATION + "JsonIgnoreType";
    static final String BEANS_TRANSIENT = "java.beans.Transient";
    static final String CONSTRUCTOR_PROPERTIES = "java.beans.ConstructorProperties";

    private static final String BUNDLE = ANNOTATION + "JacksonAnnotationsInside";

    /** What makes Jackson serialize a member under its default name (its {@code ANNOTATIONS_TO_INFER_SER}). */
    private static final List<String> INFER_SERIALIZATION = List.of(DATABIND + "JsonSerialize",
            DATABIND + "JsonSerializeAs", ANNOTATION + "JsonView", ANNOTATION + "JsonFormat",
            ANNOTATION + "JsonTypeInfo", ANNOTATION + "JsonRawValue", ANNOTATION + "JsonUnwrapped",
            JSON_BACK_REFERENCE, ANNOTATION + "JsonManagedReference");
    private static final List<String> INFER_DESERIALIZATION = List.of(DATABIND + "JsonDeserialize",
            DATABIND + "JsonDeserializeAs", ANNOTATION + "JsonView", ANNOTATION + "JsonFormat",
            ANNOTATION + "JsonTypeInfo", ANNOTATION + "JsonUnwrapped", JSON_BACK_REFERENCE,
            ANNOTATION + "JsonManagedReference", ANNOTATION + "JsonMerge");

    /** No annotations: what to add those of classes and members to. */
    static final JsonAnnotations NONE = new JsonAnnotations(Map.of(), false);
    /**
     * No annotations, and those added later only of the JDK ({@code java.beans.Transient}...): what our
     * shaded Jackson, which looks for its relocated annotation types, sees of a class.
     */
    static final JsonAnnotations JDK_ONLY = new JsonAnnotations(Map.of(), true);

    private final Map<String, Annotation> byName;
    private final boolean jdkOnly;

    private JsonAnnotations(Map<String, Annotation> byName, boolean jdkOnly) {
        this.byName = byName;
        this.jdkOnly = jdkOnly;
    }

    /** These annotations, and those of {@code declared} whose names they lack (an overridden method's). */
    JsonAnnotations plus(Annotation[] declared) {
        if (declared.length == 0) {
            return this;
        }
        Map<String, Annotation> merged = new LinkedHashMap<>(byName);
        add(merged, declared, 0);
        return merged.size() == byName.size() ? this : new JsonAnnotations(merged, jdkOnly);
    }

    private void add(Map<String, Annotation> into, Annotation[] declared, int bundleDepth) {
        for (Annotation annotation : declared) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (jdkOnly && !type.getName().startsWith("java.")) {
                continue;
            }
            into.putIfAbsent(type.getName(), annotation);
            if (bundleDepth < 4 && !type.getName().startsWith("java.") && isBundle(type)) {
                add(into, type.getDeclaredAnnotations(), bundleDepth + 1);
            }
        }
    }

    private static boolean isBundle(Class<? extends Annotation> type) {
        for (Annotation meta : type.getDeclaredAnnotations()) {
            if (meta.annotationType().getName().equals(BUNDLE)) {
                return true;
            }
        }
        return false;
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    /** The annotation's {@code attribute}, or {@code fallback} without the annotation or the attribute. */
    Object value(String name, String attribute, Object fallback) {
        Annotation annotation = byName.get(name);
        if (annotation == null) {
            return fallback;
        }
        try {
            Method method = annotation.annotationType().getMethod(attribute);
            Object value = method.invoke(annotation);
            return value == null ? fallback : value;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError olderVersion) {
            return fallback;
        }
    }

    /** Whether the annotation is present with its boolean {@code attribute} true ({@code @JsonValue}...). */
    boolean enabled(String name, String attribute) {
        return has(name) && Boolean.TRUE.equals(value(name, attribute, Boolean.TRUE));
    }

    /** Jackson's {@code hasIgnoreMarker}: {@code @JsonIgnore}, else {@code java.beans.Transient}. */
    boolean ignored() {
        if (has(JSON_IGNORE)) {
            return enabled(JSON_IGNORE, "value");
        }
        return has(BEANS_TRANSIENT) && enabled(BEANS_TRANSIENT, "value");
    }

    /** Jackson's {@code findNameForSerialization}: null for none, "" for the default name. */
    String serializedName() {
        return explicitName(JSON_GETTER, INFER_SERIALIZATION);
    }

    /** Jackson's {@code findNameForDeserialization}: null for none, "" for the default name. */
    String deserializedName() {
        return explicitName(JSON_SETTER, INFER_DESERIALIZATION);
    }

    private String explicitName(String specific, List<String> inferring) {
        boolean useDefault = false;
        if (has(specific)) {
            String name = String.valueOf(value(specific, "value", ""));
            if (!name.isEmpty()) {
                return name;
            }
            useDefault = true;
        }
        if (has(JSON_PROPERTY)) {
            return String.valueOf(value(JSON_PROPERTY, "value", ""));
        }
        if (!useDefault) {
            for (String name : inferring) {
                useDefault |= has(name);
            }
        }
        return useDefault ? "" : null;
    }

    /** {@code @JsonProperty(access = ...)} as the constant's name, {@code AUTO} without one. */
    String access() {
        Object access = value(JSON_PROPERTY, "access", null);
        return access instanceof Enum<?> constant ? constant.name() : "AUTO";
    }

    /** A string-array attribute ({@code @JsonPropertyOrder.value}...), null without the annotation. */
    String[] names(String name, String attribute) {
        Object names = value(name, attribute, null);
        return names instanceof String[] array ? array : null;
    }

    /** An enum attribute's constant name ({@code @JsonAutoDetect.fieldVisibility}...), or {@code fallback}. */
    String constant(String name, String attribute, String fallback) {
        Object constant = value(name, attribute, null);
        return constant instanceof Enum<?> e ? e.name() : fallback;
    }
}
