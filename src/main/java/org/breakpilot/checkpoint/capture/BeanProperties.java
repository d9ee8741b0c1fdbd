package org.breakpilot.checkpoint.capture;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The properties Jackson would serialize for a class (public getters and fields, record components,
 * honouring {@code @JsonIgnore} and friends), introspected once per class. The capture walks their
 * values itself, one level at a time, so that its limits bound the work.
 */
final class BeanProperties {

    /** One property: its name and how to read it. */
    record Property(String name, AnnotatedMember accessor) {
    }

    private volatile SerializationConfig config;
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
     * class with a no-argument constructor whose properties show all its fields.
     */
    boolean buildable(Class<?> type) {
        return buildable.get(type);
    }

    private boolean buildsBack(Class<?> type) {
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

    /** Built when the first bean is captured: plain values never need Jackson, whose start-up is costly. */
    private SerializationConfig config() {
        SerializationConfig current = config;
        if (current == null) {
            current = JsonMapper.builder().disable(MapperFeature.AUTO_DETECT_SETTERS).build().getSerializationConfig();
            config = current;
        }
        return current;
    }

    private List<Property> introspect(Class<?> type) {
        SerializationConfig config = config();
        BeanDescription description = config.introspect(config.constructType(type));
        List<Property> found = new ArrayList<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor != null && property.couldSerialize()) {
                // Application classes live in unnamed modules, which are open: making a public getter of
                // a private class callable is allowed there and is what Jackson does too.
                try {
                    accessor.fixAccess(true);
                } catch (RuntimeException stillPublic) {
                    // A named module refused; a public accessor may still be callable, else its value
                    // becomes a placeholder when read.
                }
                found.add(new Property(property.getName(), accessor));
            }
        }
        return List.copyOf(found);
    }
}
