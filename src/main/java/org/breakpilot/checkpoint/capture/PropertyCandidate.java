package org.breakpilot.checkpoint.capture;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A property being collected by {@link PropertyCollector}: Jackson's {@code POJOPropertyBuilder}, its fields,
 * getters, setters and creator parameters, each list's head being what Jackson's linked list has first.
 */
final class PropertyCandidate {

    final String internalName;
    final String name;
    List<Accessor> fields = new ArrayList<>();
    List<Accessor> getters = new ArrayList<>();
    List<Accessor> setters = new ArrayList<>();
    List<Accessor> creatorParameters = new ArrayList<>();

    PropertyCandidate(String name) {
        this(name, name);
    }

    private PropertyCandidate(String internalName, String name) {
        this.internalName = internalName;
        this.name = name;
    }

    private List<List<Accessor>> all() {
        return List.of(fields, getters, setters, creatorParameters);
    }

    // Loops, not streams: this runs when an application captures its first bean, where every class
    // loaded adds to start-up.
    boolean anyVisible() {
        return any(true);
    }

    boolean anyIgnored() {
        return any(false);
    }

    private boolean any(boolean visibleElseIgnored) {
        for (List<Accessor> accessors : all()) {
            for (Accessor accessor : accessors) {
                if (visibleElseIgnored ? accessor.visible() : accessor.ignored()) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean anyExplicitWithoutIgnoral() {
        for (List<Accessor> accessors : all()) {
            for (Accessor accessor : accessors) {
                // A creator parameter counts when explicitly named; others when annotated with any name.
                boolean named = accessors == creatorParameters ? accessor.explicit() : accessor.name() != null;
                if (!accessor.ignored() && named) {
                    return true;
                }
            }
        }
        return false;
    }

    void removeIgnored() {
        fields = without(fields, true);
        getters = without(getters, true);
        setters = without(setters, true);
        creatorParameters = without(creatorParameters, true);
    }

    /** Jackson's {@code removeNonVisible} for serialization, by {@code @JsonProperty(access)}. */
    void removeNonVisible() {
        switch (access()) {
            case "READ_ONLY" -> {
                setters = new ArrayList<>();
                creatorParameters = new ArrayList<>();
            }
            case "READ_WRITE" -> {
            }
            case "WRITE_ONLY" -> {
                getters = new ArrayList<>();
                fields = new ArrayList<>();
            }
            default -> {
                getters = without(getters, false);
                creatorParameters = without(creatorParameters, false);
                if (getters.isEmpty()) {
                    fields = without(fields, false);
                    setters = without(setters, false);
                }
            }
        }
    }

    private String access() {
        for (List<Accessor> accessors : List.of(getters, fields, creatorParameters, setters)) {
            if (!accessors.isEmpty()) {
                String access = accessors.get(0).annotations().access();
                if (!access.equals("AUTO")) {
                    return access;
                }
            }
        }
        return "AUTO";
    }

    private static List<Accessor> without(List<Accessor> accessors, boolean ignoredOnes) {
        List<Accessor> kept = new ArrayList<>();
        for (Accessor accessor : accessors) {
            if (ignoredOnes ? !accessor.ignored() : accessor.visible()) {
                kept.add(accessor);
            }
        }
        return kept;
    }

    Set<String> explicitNames() {
        Set<String> names = new HashSet<>();
        for (List<Accessor> accessors : all()) {
            for (Accessor accessor : accessors) {
                if (accessor.explicit() && accessor.name() != null) {
                    names.add(accessor.name());
                }
            }
        }
        return names;
    }

    PropertyCandidate withName(String newName) {
        PropertyCandidate renamed = new PropertyCandidate(internalName, newName);
        renamed.addAll(this);
        return renamed;
    }

    void addAll(PropertyCandidate other) {
        fields.addAll(other.fields);
        getters.addAll(other.getters);
        setters.addAll(other.setters);
        creatorParameters.addAll(other.creatorParameters);
    }

    /** Jackson's {@code explode}: one property per explicit name, in the order of Jackson's hash map. */
    Collection<PropertyCandidate> explode() {
        Map<NameKey, PropertyCandidate> byName = new HashMap<>();
        for (int kind = 0; kind < 4; kind++) {
            for (Accessor accessor : all().get(kind)) {
                if (!accessor.explicit() || accessor.name() == null) {
                    if (accessor.visible()) {
                        throw new IllegalStateException("Conflicting/ambiguous property name definitions"
                                + " (implicit name '" + internalName + "'): found multiple explicit names: "
                                + explicitNames() + ", but also implicit accessor: " + accessor.member());
                    }
                    continue;
                }
                PropertyCandidate split = byName.computeIfAbsent(new NameKey(accessor.name()),
                        key -> new PropertyCandidate(internalName, key.name()));
                split.all().get(kind).add(0, accessor);
            }
        }
        return byName.values();
    }

    /** Jackson's {@code trimByVisibility}: explicitly named accessors over others, visible over not. */
    void trimByVisibility() {
        fields = trim(fields);
        getters = trim(getters);
        setters = trim(setters);
        creatorParameters = trim(creatorParameters);
    }

    private static List<Accessor> trim(List<Accessor> accessors) {
        if (accessors.size() < 2) {
            return accessors;
        }
        List<Accessor> rest = trim(accessors.subList(1, accessors.size()));
        Accessor head = accessors.get(0);
        Accessor next = rest.get(0);
        if (head.name() != null) {
            return next.name() == null ? List.of(head) : prepend(head, rest);
        }
        if (next.name() != null) {
            return rest;
        }
        if (head.visible() == next.visible()) {
            return prepend(head, rest);
        }
        return head.visible() ? List.of(head) : rest;
    }

    private static List<Accessor> prepend(Accessor head, List<Accessor> rest) {
        List<Accessor> joined = new ArrayList<>(rest.size() + 1);
        joined.add(head);
        joined.addAll(rest);
        return joined;
    }

    /** Jackson's {@code getGetter}: the most specific, else {@code getX} over {@code isX} over others. */
    Accessor getter() {
        return resolve(getters, "Conflicting getter definitions for property \"" + name + "\": ");
    }

    Accessor field() {
        return resolve(fields, "Multiple fields representing property \"" + name + "\": ");
    }

    private static Accessor resolve(List<Accessor> accessors, String conflict) {
        if (accessors.isEmpty()) {
            return null;
        }
        Accessor current = accessors.get(0);
        for (Accessor next : accessors.subList(1, accessors.size())) {
            Class<?> currentClass = current.member().getDeclaringClass();
            Class<?> nextClass = next.member().getDeclaringClass();
            if (currentClass != nextClass) {
                if (currentClass.isAssignableFrom(nextClass)) {
                    current = next;
                    continue;
                }
                if (nextClass.isAssignableFrom(currentClass)) {
                    continue;
                }
            }
            int nextPriority = priority(next.member());
            int currentPriority = priority(current.member());
            if (nextPriority != currentPriority) {
                if (nextPriority < currentPriority) {
                    current = next;
                }
                continue;
            }
            throw new IllegalArgumentException(conflict + fullName(current.member()) + " vs "
                    + fullName(next.member()));
        }
        return current;
    }

    private static int priority(Member member) {
        String name = member.getName();
        if (member instanceof Field) {
            return 0;
        }
        if (name.startsWith("get") && name.length() > 3) {
            return 1;
        }
        return name.startsWith("is") && name.length() > 2 ? 2 : 3;
    }

    private static String fullName(Member member) {
        return member instanceof Method method
                ? method.getDeclaringClass().getName() + "#" + method.getName() + "(0 params)"
                : member.getDeclaringClass().getName() + "#" + member.getName();
    }

    boolean backReference() {
        for (List<Accessor> accessors : List.of(getters, fields, creatorParameters, setters)) {
            for (Accessor accessor : accessors) {
                if (accessor.annotations().has(JsonAnnotations.JSON_BACK_REFERENCE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One accessor of a property as Jackson's {@code Linked} node holds it: its name if annotated (explicit
     * when the annotation gives one), whether visible, whether marked ignored. The member is null for a
     * creator parameter.
     */
    record Accessor(Member member, JsonAnnotations annotations, String name, boolean explicit, boolean visible,
            boolean ignored) {
    }

    /** A name hashed as Jackson's {@code PropertyName} is, so that exploded properties come in its order. */
    private record NameKey(String name) {
        @Override
        public int hashCode() {
            return 31 * (31 + name.hashCode());
        }
    }
}
