package org.breakpilot.checkpoint.capture;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the properties Jackson 2 serializes for a class with its default {@code MapperFeature}s (setters not
 * auto-detected, as capture configured Jackson before), without Jackson's databind: the same steps as its
 * {@code POJOPropertiesCollector} and {@code BeanSerializerFactory}, in the same order — fields, then
 * getters and setters, then a properties-based creator; ignorals; invisible accessors pruned; explicit
 * renames moved to the end; then {@code @JsonPropertyOrder} and creator parameters first. Jackson's
 * annotations are the application's own, read by name ({@link JsonAnnotations}).
 *
 * <p>Not followed: mix-ins, {@code @JsonProperty(index)}, static {@code @JsonCreator} factories,
 * {@code @JsonInclude} (which drops values, not properties) and annotations on a referencing property
 * ({@code @JsonIgnoreProperties} on a getter). One instance per class introspected; not thread-safe.
 */
final class PropertyCollector {

    private final Class<?> type;
    private final JsonAnnotations none;
    private final boolean record;
    private final JsonAnnotations classAnnotations;
    private final TypeMembers.Visibility visibility;
    private final Map<String, PropertyCandidate> properties = new LinkedHashMap<>();
    private List<PropertyCandidate> creatorProperties;

    private PropertyCollector(Class<?> type, JsonAnnotations none) {
        this.type = type;
        this.none = none;
        this.record = type.isRecord();
        this.classAnnotations = TypeMembers.classAnnotations(type, none);
        this.visibility = new TypeMembers.Visibility(classAnnotations);
    }

    /**
     * The readable properties of {@code type} in Jackson's order, accessible where the module allows.
     *
     * @param none {@link JsonAnnotations#NONE} to honour the application's Jackson annotations,
     *     {@link JsonAnnotations#JDK_ONLY} for what our shaded Jackson, blind to them, finds
     */
    static List<BeanProperties.Property> collect(Class<?> type, JsonAnnotations none) {
        return new PropertyCollector(type, none).collectAll();
    }

    private List<BeanProperties.Property> collectAll() {
        addFields();
        addMethods();
        // Jackson skips the creators of inner (also local and anonymous) classes.
        if (type.getEnclosingClass() == null || Modifier.isStatic(type.getModifiers())) {
            addCreators();
        }
        removeUnwanted();
        rename();
        properties.values().forEach(PropertyCandidate::trimByVisibility);
        sort();
        return readable();
    }

    private void addFields() {
        for (Field field : TypeMembers.fields(type, new LinkedHashMap<>()).values()) {
            JsonAnnotations annotations = none.plus(field.getDeclaredAnnotations());
            if (annotations.enabled(JsonAnnotations.JSON_VALUE, "value")) {
                continue;
            }
            if (annotations.enabled(JsonAnnotations.JSON_ANY_SETTER, "enabled")) {
                continue;
            }
            String implicit = field.getName();
            String name = annotations.serializedName();
            boolean hasName = name != null;
            boolean explicit = hasName && !name.isEmpty();
            boolean visible = hasName || visibility.field(field);
            boolean ignored = annotations.ignored();
            if (Modifier.isTransient(field.getModifiers()) && !hasName && !ignored) {
                continue;
            }
            candidate(implicit).fields.add(0, new PropertyCandidate.Accessor(field, annotations, hasName ? (explicit ? name : implicit)
                    : null, explicit, visible, ignored));
        }
    }

    private void addMethods() {
        for (TypeMembers.MemberMethod method : TypeMembers.memberMethods(type, none)) {
            int parameters = method.method().getParameterCount();
            if (parameters == 0) {
                addGetter(method.method(), method.annotations());
            } else if (parameters == 1) {
                addSetter(method.method(), method.annotations());
            }
        }
    }

    private void addGetter(Method method, JsonAnnotations annotations) {
        Class<?> returned = method.getReturnType();
        if (returned == void.class || returned == Void.class) {
            return;
        }
        if (!annotations.enabled(JsonAnnotations.JSON_ANY_GETTER, "enabled")
                && (annotations.enabled(JsonAnnotations.JSON_KEY, "value")
                        || annotations.enabled(JsonAnnotations.JSON_VALUE, "value"))) {
            return;
        }
        String name = annotations.serializedName();
        boolean explicit = name != null;
        String implicit = getterName(method);
        boolean visible;
        if (!explicit) {
            if (implicit == null) {
                implicit = TypeMembers.isGetterName(method);
                if (implicit == null) {
                    return;
                }
                visible = visibility.isGetter(method);
            } else {
                visible = visibility.getter(method);
            }
        } else {
            if (implicit == null) {
                implicit = TypeMembers.isGetterName(method);
            }
            if (implicit == null) {
                implicit = method.getName();
            }
            if (name.isEmpty()) {
                name = implicit;
                explicit = false;
            }
            visible = true;
        }
        boolean ignored = annotations.ignored();
        if (record && !explicit && ignored && !implicit.equals(method.getName())) {
            PropertyCandidate existing = properties.get(implicit);
            if (existing != null && !existing.fields.isEmpty()) {
                return;
            }
        }
        candidate(implicit).getters.add(0, new PropertyCandidate.Accessor(method, annotations, name, explicit, visible, ignored));
    }

    private void addSetter(Method method, JsonAnnotations annotations) {
        String name = annotations.deserializedName();
        boolean explicit = name != null;
        String implicit = record ? null : TypeMembers.mangle(method.getName(), "set");
        if (!explicit) {
            if (implicit == null) {
                return;
            }
        } else {
            if (implicit == null) {
                implicit = method.getName();
            }
            if (name.isEmpty()) {
                name = implicit;
                explicit = false;
            }
        }
        // Setters are not auto-detected: only an explicitly marked one is visible.
        candidate(implicit).setters.add(0, new PropertyCandidate.Accessor(method, annotations, name, explicit, name != null,
                annotations.ignored()));
    }

    private String getterName(Method method) {
        String name = method.getName();
        if (record && isRecordComponent(name)) {
            return name;
        }
        if (!name.startsWith("get")) {
            return null;
        }
        if (name.equals("getCallbacks") && method.getReturnType().isArray()) {
            String component = method.getReturnType().getComponentType().getName();
            if (component.startsWith("net.sf.cglib") || component.startsWith("org.hibernate.repackage.cglib")
                    || component.startsWith("org.springframework.cglib")) {
                return null;
            }
        } else if (name.equals("getMetaClass") && method.getReturnType().getName().startsWith("groovy.lang")) {
            return null;
        }
        return TypeMembers.mangle(name, "get");
    }

    private boolean isRecordComponent(String name) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void addCreators() {
        Constructor<?> creator = CreatorConstructor.of(type, none);
        if (creator == null) {
            return;
        }
        String[] implicitNames = CreatorConstructor.implicitNames(type, creator, none);
        creatorProperties = new ArrayList<>();
        Parameter[] parameters = creator.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            JsonAnnotations annotations = none.plus(parameters[i].getDeclaredAnnotations());
            String explicitName = annotations.deserializedName();
            explicitName = explicitName == null || explicitName.isEmpty() ? null : explicitName;
            String implicit = implicitNames != null && i < implicitNames.length ? implicitNames[i] : null;
            if (explicitName == null && implicit == null) {
                creatorProperties.add(null);
                continue;
            }
            PropertyCandidate property = candidate(implicit != null ? implicit : explicitName);
            property.creatorParameters.add(0, new PropertyCandidate.Accessor(null, annotations,
                    explicitName != null ? explicitName : implicit, explicitName != null, true, false));
            creatorProperties.add(property);
        }
    }

    /** Jackson's {@code _removeUnwantedProperties} and {@code _removeUnwantedAccessors}. */
    private void removeUnwanted() {
        Iterator<PropertyCandidate> each = properties.values().iterator();
        while (each.hasNext()) {
            PropertyCandidate property = each.next();
            if (!property.anyVisible()) {
                each.remove();
                continue;
            }
            if (property.anyIgnored()) {
                if (!property.anyExplicitWithoutIgnoral()) {
                    each.remove();
                    continue;
                }
                property.removeIgnored();
            }
        }
        for (PropertyCandidate property : properties.values()) {
            property.removeNonVisible();
        }
    }

    /** Jackson's {@code _renameProperties}: explicitly named properties leave their place for the end. */
    private void rename() {
        List<PropertyCandidate> renamed = new ArrayList<>();
        Iterator<PropertyCandidate> each = properties.values().iterator();
        while (each.hasNext()) {
            PropertyCandidate property = each.next();
            Set<String> names = property.explicitNames();
            if (names.isEmpty()) {
                continue;
            }
            each.remove();
            if (names.size() == 1) {
                renamed.add(property.withName(names.iterator().next()));
            } else {
                renamed.addAll(property.explode());
            }
        }
        for (PropertyCandidate property : renamed) {
            PropertyCandidate old = properties.get(property.name);
            if (old == null) {
                properties.put(property.name, property);
            } else {
                old.addAll(property);
            }
            if (creatorProperties != null) {
                for (int i = 0; i < creatorProperties.size(); i++) {
                    PropertyCandidate creatorProperty = creatorProperties.get(i);
                    if (creatorProperty != null && creatorProperty.internalName.equals(property.internalName)) {
                        creatorProperties.set(i, property);
                        break;
                    }
                }
            }
        }
    }

    /** Jackson's {@code _sortProperties}: {@code @JsonPropertyOrder}, then creator parameters, then the rest. */
    private void sort() {
        String[] order = classAnnotations.names(JsonAnnotations.JSON_PROPERTY_ORDER, "value");
        boolean alphabetic = Boolean.TRUE.equals(classAnnotations.value(JsonAnnotations.JSON_PROPERTY_ORDER,
                "alphabetic", Boolean.FALSE));
        if (!alphabetic && creatorProperties == null && order == null) {
            return;
        }
        Map<String, PropertyCandidate> all = alphabetic ? new java.util.TreeMap<>() : new LinkedHashMap<>();
        for (PropertyCandidate property : properties.values()) {
            all.put(property.name, property);
        }
        Map<String, PropertyCandidate> ordered = new LinkedHashMap<>();
        for (String name : order == null ? new String[0] : order) {
            PropertyCandidate property = all.remove(name);
            if (property == null) {
                for (PropertyCandidate candidate : properties.values()) {
                    if (name.equals(candidate.internalName)) {
                        property = candidate;
                        name = candidate.name;
                        break;
                    }
                }
            }
            if (property != null) {
                ordered.put(name, property);
            }
        }
        if (creatorProperties != null) {
            List<PropertyCandidate> creators = new ArrayList<>();
            for (PropertyCandidate property : creatorProperties) {
                if (property != null) {
                    creators.add(property);
                }
            }
            if (alphabetic) {
                creators.sort((a, b) -> a.name.compareTo(b.name));
            }
            for (PropertyCandidate property : creators) {
                if (all.containsKey(property.name)) {
                    ordered.put(property.name, property);
                }
            }
        }
        ordered.putAll(all);
        properties.clear();
        properties.putAll(ordered);
    }

    /** What Jackson's bean serializer writes of the properties found: a getter's or else a field's. */
    private List<BeanProperties.Property> readable() {
        Set<String> ignored = new HashSet<>();
        if (!Boolean.TRUE.equals(classAnnotations.value(JsonAnnotations.JSON_IGNORE_PROPERTIES, "allowGetters",
                Boolean.FALSE))) {
            String[] names = classAnnotations.names(JsonAnnotations.JSON_IGNORE_PROPERTIES, "value");
            ignored.addAll(Arrays.asList(names == null ? new String[0] : names));
        }
        String[] includedNames = classAnnotations.names(JsonAnnotations.JSON_INCLUDE_PROPERTIES, "value");
        Set<String> included = includedNames == null ? null : new HashSet<>(Arrays.asList(includedNames));
        List<BeanProperties.Property> found = new ArrayList<>();
        for (PropertyCandidate property : properties.values()) {
            PropertyCandidate.Accessor accessor = property.getter();
            if (accessor == null) {
                accessor = property.field();
            }
            if (accessor == null || ignored.contains(property.name)
                    || included != null && !included.contains(property.name)
                    || property.backReference()
                    || ignoredType(rawType(accessor.member()))) {
                continue;
            }
            found.add(new BeanProperties.Property(property.name, accessor.member()));
        }
        return List.copyOf(found);
    }

    /** {@code @JsonIgnoreType} on a property's type; JDK types carry no Jackson annotation. */
    private boolean ignoredType(Class<?> type) {
        return !type.isPrimitive() && !type.isArray() && !JdkValues.isJdk(type)
                && TypeMembers.classAnnotations(type, none).enabled(JsonAnnotations.JSON_IGNORE_TYPE, "value");
    }

    private static Class<?> rawType(Member member) {
        return member instanceof Method method ? method.getReturnType() : ((Field) member).getType();
    }

    private PropertyCandidate candidate(String implicitName) {
        return properties.computeIfAbsent(implicitName, PropertyCandidate::new);
    }
}
