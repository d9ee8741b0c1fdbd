package org.breakpilot.checkpoint.capture;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The members of a class as Jackson 2's {@code AnnotatedClass} lists them for {@link PropertyCollector}: its
 * fields and member methods in Jackson's order, its class annotations with its supertypes', the visibility
 * rules, and the names Jackson derives from accessor names.
 */
final class TypeMembers {

    private TypeMembers() {
    }

    /** Superclasses' fields first, a field hiding one of the same name taking its place, as Jackson does. */
    static Map<String, Field> fields(Class<?> type, Map<String, Field> into) {
        Class<?> parent = type.getSuperclass();
        if (parent == null) {
            return into;
        }
        fields(parent, into);
        for (Field field : type.getDeclaredFields()) {
            if (!field.isSynthetic() && !Modifier.isStatic(field.getModifiers())) {
                into.put(field.getName(), field);
            }
        }
        return into;
    }

    static String isGetterName(Method method) {
        Class<?> returned = method.getReturnType();
        boolean booleanType = returned == boolean.class || returned == Boolean.class
                || returned == AtomicBoolean.class
                || returned == AtomicReference.class
                        && method.getGenericReturnType() instanceof ParameterizedType generic
                        && generic.getActualTypeArguments()[0] == Boolean.class;
        return booleanType ? mangle(method.getName(), "is") : null;
    }

    /** Jackson's legacy (default) name mangling: {@code getURL} is {@code url}, {@code getUrlX} {@code urlX}. */
    static String mangle(String name, String prefix) {
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return null;
        }
        StringBuilder mangled = new StringBuilder(name.length() - prefix.length());
        for (int i = prefix.length(); i < name.length(); i++) {
            char c = name.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c == lower) {
                return mangled.append(name, i, name.length()).toString();
            }
            mangled.append(lower);
        }
        return mangled.toString();
    }

    /** A member method and the annotations it has, with those of the methods it overrides. */
    record MemberMethod(Method method, JsonAnnotations annotations) {
    }

    /**
     * Jackson's member methods: the class's own, then those of its supertypes (interfaces before the
     * superclass, depth first, {@code Object} left out) that it does not override; static, synthetic and
     * bridge methods, and methods of more than two parameters, left out. An abstract method gives way to a
     * concrete one met later.
     */
    static List<MemberMethod> memberMethods(Class<?> type, JsonAnnotations none) {
        Map<List<Object>, MemberMethod> methods = new LinkedHashMap<>();
        addMemberMethods(type, methods, none);
        for (Class<?> supertype : supertypes(type)) {
            addMemberMethods(supertype, methods, none);
        }
        return new ArrayList<>(methods.values());
    }

    private static void addMemberMethods(Class<?> type, Map<List<Object>, MemberMethod> methods,
            JsonAnnotations none) {
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isSynthetic() || method.isBridge()
                    || method.getParameterCount() > 2) {
                continue;
            }
            List<Object> key = new ArrayList<>();
            key.add(method.getName());
            key.addAll(Arrays.asList(method.getParameterTypes()));
            MemberMethod seen = methods.get(key);
            if (seen == null) {
                methods.put(key, new MemberMethod(method, none.plus(method.getDeclaredAnnotations())));
            } else {
                Method kept = Modifier.isAbstract(seen.method.getModifiers())
                        && !Modifier.isAbstract(method.getModifiers()) ? method : seen.method;
                methods.put(key, new MemberMethod(kept, seen.annotations.plus(method.getDeclaredAnnotations())));
            }
        }
    }

    /** Jackson's {@code ClassUtil.findSuperTypes}: each type's interfaces, then its superclass. */
    static List<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> found = new LinkedHashSet<>();
        for (Class<?> each : type.getInterfaces()) {
            addSupertypes(each, found);
        }
        addSupertypes(type.getSuperclass(), found);
        return new ArrayList<>(found);
    }

    private static void addSupertypes(Class<?> type, Set<Class<?>> found) {
        if (type == null || type == Object.class || !found.add(type)) {
            return;
        }
        for (Class<?> each : type.getInterfaces()) {
            addSupertypes(each, found);
        }
        addSupertypes(type.getSuperclass(), found);
    }

    /** The annotations of a class and, where it lacks one of the name, of its supertypes. */
    static JsonAnnotations classAnnotations(Class<?> type, JsonAnnotations none) {
        if (type.isPrimitive() || type == Object.class) {
            return none;
        }
        JsonAnnotations annotations = none.plus(type.getDeclaredAnnotations());
        for (Class<?> supertype : supertypes(type)) {
            annotations = annotations.plus(supertype.getDeclaredAnnotations());
        }
        return annotations;
    }

    /** Jackson's default visibility (public getters, is-getters and fields), or the class's {@code @JsonAutoDetect}. */
    record Visibility(String getters, String isGetters, String fields) {
        Visibility(JsonAnnotations annotations) {
            this(annotations.constant(JsonAnnotations.JSON_AUTO_DETECT, "getterVisibility", "DEFAULT"),
                    annotations.constant(JsonAnnotations.JSON_AUTO_DETECT, "isGetterVisibility", "DEFAULT"),
                    annotations.constant(JsonAnnotations.JSON_AUTO_DETECT, "fieldVisibility", "DEFAULT"));
        }

        boolean getter(Method method) {
            return visible(getters, method);
        }

        boolean isGetter(Method method) {
            return visible(isGetters, method);
        }

        boolean field(Field field) {
            return visible(fields, field);
        }

        private static boolean visible(String visibility, Member member) {
            int modifiers = member.getModifiers();
            return switch (visibility) {
                case "ANY" -> true;
                case "NONE" -> false;
                case "NON_PRIVATE" -> !Modifier.isPrivate(modifiers);
                case "PROTECTED_AND_PUBLIC" -> Modifier.isProtected(modifiers) || Modifier.isPublic(modifiers);
                default -> Modifier.isPublic(modifiers);
            };
        }
    }
}
