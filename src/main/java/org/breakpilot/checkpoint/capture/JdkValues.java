package org.breakpilot.checkpoint.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The JDK values a field graph knows by name, and so rebuilds without reflection into the JDK: strings,
 * boxed primitives, big numbers, UUIDs and {@code java.time} values as one JSON scalar each, and
 * collections, maps and {@link Optional} as containers. A container of a kind the graph cannot make
 * again (an immutable list, a synchronized map) is rebuilt as an unmodifiable {@code List}, {@code Set}
 * or {@code Map} holding the same elements in the same order: equal to the original, as the collection
 * contracts define equality.
 */
final class JdkValues {

    /** Scalars written as text and read back by their class's parse method. */
    private static final Map<Class<?>, Function<String, Object>> TEXT_SCALARS = Map.ofEntries(
            Map.entry(String.class, text -> text), Map.entry(BigInteger.class, BigInteger::new),
            Map.entry(BigDecimal.class, BigDecimal::new), Map.entry(UUID.class, UUID::fromString),
            Map.entry(Instant.class, Instant::parse), Map.entry(Duration.class, Duration::parse),
            Map.entry(Period.class, Period::parse), Map.entry(LocalDate.class, LocalDate::parse),
            Map.entry(LocalTime.class, LocalTime::parse), Map.entry(LocalDateTime.class, LocalDateTime::parse),
            Map.entry(OffsetTime.class, OffsetTime::parse), Map.entry(OffsetDateTime.class, OffsetDateTime::parse),
            Map.entry(ZonedDateTime.class, ZonedDateTime::parse), Map.entry(Year.class, Year::parse),
            Map.entry(YearMonth.class, YearMonth::parse), Map.entry(ZoneOffset.class, ZoneOffset::of),
            Map.entry(ZoneId.class, ZoneId::of));
    private static final List<Class<?>> NUMBERS = List.of(Integer.class, Long.class, Short.class, Byte.class,
            Double.class, Float.class);
    /** Collections and maps rebuilt as their own class: public, with a no-argument constructor, no comparator. */
    private static final List<Class<?>> REBUILT_AS_IS = List.of(ArrayList.class, LinkedList.class, ArrayDeque.class,
            CopyOnWriteArrayList.class, HashSet.class, LinkedHashSet.class, TreeSet.class, HashMap.class,
            LinkedHashMap.class, TreeMap.class, ConcurrentHashMap.class);
    /** What any other JDK collection or map is rebuilt as, unmodifiable. */
    private static final List<Class<?>> REBUILT_UNMODIFIABLE = List.of(List.class, Set.class, Map.class);

    private JdkValues() {
    }

    /** A class of the JDK's own modules. */
    static boolean isJdk(Class<?> type) {
        Module module = type.getModule();
        return module.isNamed() && (module.getName().startsWith("java.") || module.getName().startsWith("jdk."));
    }

    /** The class {@code value} is written as when it is a scalar (ZoneId for a zone region), else null. */
    static Class<?> scalarClass(Object value) {
        Class<?> type = value.getClass();
        if (type == Boolean.class || type == Character.class || NUMBERS.contains(type) || TEXT_SCALARS.containsKey(type)) {
            return type;
        }
        return value instanceof ZoneId ? ZoneId.class : null;
    }

    /** Whether {@code type} is one of the scalars, or a primitive. */
    static boolean isScalar(Class<?> type) {
        Class<?> boxed = SlotTypes.boxed(type);
        return boxed == Boolean.class || boxed == Character.class || NUMBERS.contains(boxed)
                || TEXT_SCALARS.containsKey(boxed);
    }

    /** The JSON form of a scalar. */
    static Object write(Object scalar) {
        if (scalar instanceof Boolean || scalar instanceof Integer || scalar instanceof Long) {
            return scalar;
        }
        if (scalar instanceof Short || scalar instanceof Byte) {
            return ((Number) scalar).intValue();
        }
        if (scalar instanceof Double || scalar instanceof Float) {
            double number = ((Number) scalar).doubleValue();
            return Double.isFinite(number) ? number : Double.toString(number);
        }
        return scalar.toString();
    }

    /**
     * The scalar of class {@code type} whose JSON form is {@code json}.
     *
     * @throws IllegalArgumentException when {@code json} is not such a form
     */
    static Object read(Class<?> type, Object json) {
        Class<?> boxed = SlotTypes.boxed(type);
        if (boxed == Boolean.class && json instanceof Boolean) {
            return json;
        }
        if (NUMBERS.contains(boxed)) {
            return number(boxed, json);
        }
        if (json instanceof String text) {
            if (boxed == Character.class && text.length() == 1) {
                return text.charAt(0);
            }
            Function<String, Object> parse = TEXT_SCALARS.get(boxed);
            if (parse != null) {
                return parse.apply(text);
            }
        }
        throw new IllegalArgumentException("not a " + type.getName() + ": " + json);
    }

    private static Object number(Class<?> type, Object json) {
        if (type == Double.class || type == Float.class) {
            double number = json instanceof String text ? Double.parseDouble(text) : ((Number) json).doubleValue();
            return type == Double.class ? (Object) number : (Object) (float) number;
        }
        long exact = new BigDecimal(json.toString()).longValueExact();
        if (type == Long.class) {
            return exact;
        }
        if (type == Integer.class) {
            return Math.toIntExact(exact);
        }
        if (type == Short.class && exact == (short) exact) {
            return (short) exact;
        }
        if (type == Byte.class && exact == (byte) exact) {
            return (byte) exact;
        }
        throw new IllegalArgumentException("not a " + type.getName() + ": " + json);
    }

    /**
     * The class a JDK collection or map is written as: its own when the graph rebuilds it as is, else
     * {@code List}, {@code Set} or {@code Map}; null when it is neither (or is sorted by a comparator).
     */
    static Class<?> containerClass(Object container) {
        Class<?> type = container.getClass();
        if (REBUILT_AS_IS.contains(type)) {
            boolean comparator = (container instanceof SortedSet<?> set && set.comparator() != null)
                    || (container instanceof SortedMap<?, ?> map && map.comparator() != null);
            return comparator ? null : type;
        }
        if (container instanceof SortedSet<?> || container instanceof SortedMap<?, ?>) {
            return null;
        }
        for (Class<?> kind : REBUILT_UNMODIFIABLE) {
            if (kind.isInstance(container)) {
                return kind;
            }
        }
        return null;
    }

    /** The scalar, container or Optional class a graph names {@code name}, or null when it is none of them. */
    static Class<?> named(String name) {
        for (Class<?> type : TEXT_SCALARS.keySet()) {
            if (type.getName().equals(name)) {
                return type;
            }
        }
        for (List<Class<?>> kinds : List.of(NUMBERS, REBUILT_AS_IS, REBUILT_UNMODIFIABLE,
                List.<Class<?>>of(Boolean.class, Character.class, Optional.class))) {
            for (Class<?> type : kinds) {
                if (type.getName().equals(name)) {
                    return type;
                }
            }
        }
        return null;
    }

    /** Whether {@code type} is a container class {@link #containerClass} writes. */
    static boolean isContainer(Class<?> type) {
        return REBUILT_AS_IS.contains(type) || REBUILT_UNMODIFIABLE.contains(type);
    }

    /** An empty collection to rebuild a container of class {@code type} (not a map) into. */
    static Collection<Object> newCollection(Class<?> type) throws ReflectiveOperationException {
        if (type == List.class) {
            return new ArrayList<>();
        }
        if (type == Set.class) {
            return new LinkedHashSet<>();
        }
        @SuppressWarnings("unchecked")
        Collection<Object> made = (Collection<Object>) type.getConstructor().newInstance();
        return made;
    }

    /** An empty map to rebuild a map of class {@code type} into. */
    static Map<Object, Object> newMap(Class<?> type) throws ReflectiveOperationException {
        if (type == Map.class) {
            return new LinkedHashMap<>();
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> made = (Map<Object, Object>) type.getConstructor().newInstance();
        return made;
    }

    /** The rebuilt container as the graph names it: unmodifiable for {@code List}, {@code Set} and {@code Map}. */
    static Object sealed(Class<?> type, Object filled) {
        if (type == List.class) {
            return Collections.unmodifiableList((List<?>) filled);
        }
        if (type == Set.class) {
            return Collections.unmodifiableSet((Set<?>) filled);
        }
        if (type == Map.class) {
            return Collections.unmodifiableMap((Map<?, ?>) filled);
        }
        return filled;
    }
}
