package org.breakpilot.checkpoint.capture;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * The constructor Jackson would build a class by from named properties (a record's canonical one, else one
 * marked {@code @JsonCreator} or {@code @ConstructorProperties}, else one with {@code @JsonProperty}-named
 * parameters), and its parameters' implicit names: the creator properties come first in Jackson's order.
 */
final class CreatorConstructor {

    private CreatorConstructor() {
    }

    /** The creator of {@code type}, or null when Jackson would use none. */
    static Constructor<?> of(Class<?> type, JsonAnnotations none) {
        return type.isRecord() ? canonicalConstructor(type) : annotatedConstructor(type, none);
    }

    /** The names {@code creator}'s parameters have without {@code @JsonProperty}, or null when unknown. */
    static String[] implicitNames(Class<?> type, Constructor<?> creator, JsonAnnotations none) {
        return type.isRecord() ? componentNames(type) : constructorProperties(creator, none);
    }

    private static Constructor<?> canonicalConstructor(Class<?> type) {
        Class<?>[] components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            return type.getDeclaredConstructor(components);
        } catch (NoSuchMethodException noCanonical) {
            return null;
        }
    }

    private static String[] componentNames(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toArray(String[]::new);
    }

    /**
     * The constructor Jackson would build this class by from named properties: one marked
     * {@code @JsonCreator} (not delegating) or {@code @ConstructorProperties}, else one with
     * {@code @JsonProperty}-named parameters.
     */
    private static Constructor<?> annotatedConstructor(Class<?> type, JsonAnnotations none) {
        Constructor<?> named = null;
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.isSynthetic() || constructor.getParameterCount() == 0) {
                continue;
            }
            JsonAnnotations annotations = none.plus(constructor.getDeclaredAnnotations());
            if (annotations.has(JsonAnnotations.JSON_CREATOR)) {
                String mode = annotations.constant(JsonAnnotations.JSON_CREATOR, "mode", "DEFAULT");
                if (mode.equals("PROPERTIES") || mode.equals("DEFAULT")
                        && (constructor.getParameterCount() > 1 || hasNamedParameter(constructor, none))) {
                    return constructor;
                }
                continue;
            }
            if (annotations.has(JsonAnnotations.CONSTRUCTOR_PROPERTIES)) {
                return constructor;
            }
            if (named == null && hasNamedParameter(constructor, none)) {
                named = constructor;
            }
        }
        return named;
    }

    private static boolean hasNamedParameter(Constructor<?> constructor, JsonAnnotations none) {
        for (Parameter parameter : constructor.getParameters()) {
            String name = none.plus(parameter.getDeclaredAnnotations()).deserializedName();
            if (name != null && !name.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static String[] constructorProperties(Constructor<?> constructor, JsonAnnotations none) {
        return none.plus(constructor.getDeclaredAnnotations())
                .names(JsonAnnotations.CONSTRUCTOR_PROPERTIES, "value");
    }
}
