package org.breakpilot.checkpoint.capture;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The properties Jackson would serialize for a class (public getters and fields, record components,
 * honouring the application's {@code @JsonIgnore} and friends), introspected once per class by
 * {@link PropertyCollector}, without Jackson's databind, whose start-up costs hundreds of classes. The capture
 * walks their values itself, one level at a time, so that its limits bound the work.
 */
final class BeanProperties {

    /** One property: its name and the getter or field that reads it. */
    record Property(String name, Member accessor) {

        Property {
            // Application classes live in unnamed modules, which are open: making a public getter of a
            // private class callable is allowed there and is what Jackson does too.
            boolean publicJdk = Modifier.isPublic(accessor.getModifiers())
                    && Modifier.isPublic(accessor.getDeclaringClass().getModifiers())
                    && JdkValues.isJdk(accessor.getDeclaringClass());
            if (!publicJdk) {
                try {
                    ((AccessibleObject) accessor).setAccessible(true);
                } catch (RuntimeException stillPublic) {
                    // A named module refused; a public accessor may still be callable, else its value
                    // becomes a placeholder when read.
                }
            }
        }

        /**
         * The property's value in {@code bean}; what the getter throws comes as the cause of an
         * {@link IllegalArgumentException}, as from Jackson's {@code AnnotatedMember.getValue}.
         */
        Object read(Object bean) {
            try {
                return accessor instanceof Method getter ? getter.invoke(bean) : ((Field) accessor).get(bean);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException("Failed to getValue() with " + accessor + ": " + e.getMessage(), e);
            }
        }
    }

    private final ClassValue<List<Property>> properties = new ClassValue<>() {
        @Override
        protected List<Property> computeValue(Class<?> type) {
            return introspect(type);
        }
    };

    private final ClassValue<Boolean> showsAllFields = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return coversFields(type);
        }
    };

    private final ClassValue<Boolean> buildable = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return buildsBack(type);
        }
    };

    /** The readable properties of {@code type}, in Jackson's order. */
    List<Property> of(Class<?> type) {
        return properties.get(type);
    }

    /**
     * Whether the properties of {@code type} show every instance field it holds (but transient ones): a
     * class read through accessors without a {@code get} prefix shows none, and two of its objects that
     * differ capture alike.
     */
    boolean showsAllFields(Class<?> type) {
        return showsAllFields.get(type);
    }

    /**
     * Whether Jackson builds objects of {@code type} back from their capture: a record, or a concrete
     * class with a no-argument constructor whose properties show all its fields. Replay builds them with our
     * shaded Jackson, which does not see the application's Jackson annotations; a class whose annotations
     * change its properties (a rename, an ignoral, a private field made visible) is not built by it.
     */
    boolean buildable(Class<?> type) {
        return buildable.get(type);
    }

    private boolean buildsBack(Class<?> type) {
        if (!names(of(type)).equals(names(PropertyCollector.collect(type, JsonAnnotations.JDK_ONLY)))) {
            return false;
        }
        if (type.isRecord()) {
            return true;
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || !showsAllFields(type)) {
            return false;
        }
        try {
            type.getDeclaredConstructor();
            return true;
        } catch (NoSuchMethodException | SecurityException | LinkageError noDefaultConstructor) {
            return false;
        }
    }

    private boolean coversFields(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (Property property : of(type)) {
            names.add(property.name());
        }
        for (Class<?> each = type; each != null && !JdkValues.isJdk(each); each = each.getSuperclass()) {
            Field[] fields;
            try {
                fields = each.getDeclaredFields();
            } catch (LinkageError missingFieldType) {
                return false;
            }
            for (Field field : fields) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()
                        && !names.contains(field.getName())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<Property> introspect(Class<?> type) {
        return PropertyCollector.collect(type, JsonAnnotations.NONE);
    }

    private static List<String> names(List<Property> properties) {
        List<String> names = new ArrayList<>(properties.size());
        for (Property property : properties) {
            names.add(property.name());
        }
        return names;
    }
}
