package org.breakpilot.checkpoint.capture;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The instance fields a field graph holds for a class, from its topmost superclass down, each under a
 * key: the field's name, or {@code declaring.class.Name.field} for a field a subclass's field of the
 * same name hides. Looked up once per class, made accessible once.
 */
final class GraphFields {

    /** One field and its key in a graph node. */
    record GraphField(String key, Field field) {
    }

    private static final ClassValue<List<GraphField>> FIELDS = new ClassValue<>() {
        @Override
        protected List<GraphField> computeValue(Class<?> type) {
            return find(type);
        }
    };

    private GraphFields() {
    }

    /**
     * The fields of {@code type}, accessible; null when one of them cannot be made accessible (a class of
     * a named module that does not open its package, or one extending such a class with fields).
     */
    static List<GraphField> of(Class<?> type) {
        return FIELDS.get(type);
    }

    private static List<GraphField> find(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> each = type; each != null && each != Object.class; each = each.getSuperclass()) {
            hierarchy.add(0, each);
        }
        List<GraphField> found = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Class<?> each : hierarchy) {
            for (Field field : each.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                if (!field.trySetAccessible()) {
                    return null;
                }
                String key = names.add(field.getName()) ? field.getName() : each.getName() + "." + field.getName();
                found.add(new GraphField(key, field));
            }
        }
        return List.copyOf(found);
    }
}
