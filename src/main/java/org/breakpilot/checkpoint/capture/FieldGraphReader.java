package org.breakpilot.checkpoint.capture;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import sun.reflect.ReflectionFactory;

/**
 * Rebuilds a value from its {@link FieldGraph}, without running code of a class that only the graph
 * names. Every object it makes is of its slot's declared class or of a class the graph names that is a
 * subclass of it, loaded through the step's class loader without being initialised before that check;
 * a slot declared {@code Object} takes no application class at all, only the JDK values the graph
 * knows. Objects are allocated without running a constructor and their fields set (a record through
 * its canonical constructor); JDK values are made by their own factories ({@link JdkValues}).
 *
 * <p>Every failure (a refused or unknown class, a field that cannot be set, a graph that does not
 * match the class) is an exception: the caller runs the step instead. Thread-safe.
 */
public final class FieldGraphReader {

    private static final ClassValue<Constructor<?>> ALLOCATORS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            try {
                // Object's constructor is the only one run: the class's own never are.
                return ReflectionFactory.getReflectionFactory().newConstructorForSerialization(type,
                        Object.class.getDeclaredConstructor());
            } catch (NoSuchMethodException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    };

    private final ClassLoader loader;

    private FieldGraphReader(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The value {@code graph} stands for, of declared type {@code slot}, resolving the classes it names
     * through {@code loader}.
     *
     * @throws ReflectiveOperationException when a class is missing or a value cannot be made
     * @throws IllegalArgumentException     when the graph names a class its slot does not take, or does
     *                                      not match the classes it names
     */
    public static Object rebuild(Object graph, Type slot, ClassLoader loader) throws ReflectiveOperationException {
        return new FieldGraphReader(loader).read(graph, slot);
    }

    private Object read(Object node, Type slot) throws ReflectiveOperationException {
        Class<?> slotClass = SlotTypes.erase(slot);
        if (node == null) {
            if (slotClass.isPrimitive()) {
                throw new IllegalArgumentException("null for a " + slotClass.getName());
            }
            return null;
        }
        if (node instanceof Map<?, ?> map && map.get(FieldGraph.CLASS_KEY) instanceof String name) {
            return tagged(map, resolve(name, slotClass), slot);
        }
        if (JdkValues.isScalar(slotClass)) {
            return JdkValues.read(slotClass, node);
        }
        if (slotClass.isEnum()) {
            return constant(slotClass, node);
        }
        if (node instanceof Map<?, ?> fields) {
            return object(fields, admitted(slotClass), slot);
        }
        throw new IllegalArgumentException("not a " + slotClass.getName() + ": " + node);
    }

    private Object tagged(Map<?, ?> node, Class<?> type, Type slot) throws ReflectiveOperationException {
        if (type == Optional.class) {
            return node.containsKey(FieldGraph.VALUE_KEY)
                    ? Optional.of(read(node.get(FieldGraph.VALUE_KEY), SlotTypes.argument(slot, 0))) : Optional.empty();
        }
        if (JdkValues.isScalar(type)) {
            return JdkValues.read(type, node.get(FieldGraph.VALUE_KEY));
        }
        if (type.isEnum()) {
            return constant(type, node.get(FieldGraph.VALUE_KEY));
        }
        if (type.isArray()) {
            List<?> items = list(node.get(FieldGraph.ITEMS_KEY));
            Object array = Array.newInstance(type.getComponentType(), items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, read(items.get(i), SlotTypes.component(type)));
            }
            return array;
        }
        if (JdkValues.isContainer(type)) {
            return container(node, type, slot);
        }
        return object(node, admitted(type), type);
    }

    private Object container(Map<?, ?> node, Class<?> type, Type slot) throws ReflectiveOperationException {
        if (Map.class.isAssignableFrom(type)) {
            Map<Object, Object> map = JdkValues.newMap(type);
            for (Object entry : list(node.get(FieldGraph.ENTRIES_KEY))) {
                List<?> pair = list(entry);
                if (pair.size() != 2) {
                    throw new IllegalArgumentException("a map entry is not a [key, value] pair: " + entry);
                }
                map.put(read(pair.get(0), SlotTypes.argument(slot, 0)), read(pair.get(1), SlotTypes.argument(slot, 1)));
            }
            return JdkValues.sealed(type, map);
        }
        Collection<Object> collection = JdkValues.newCollection(type);
        for (Object item : list(node.get(FieldGraph.ITEMS_KEY))) {
            collection.add(read(item, SlotTypes.argument(slot, 0)));
        }
        return JdkValues.sealed(type, collection);
    }

    private Object object(Map<?, ?> node, Class<?> type, Type slot) throws ReflectiveOperationException {
        List<GraphFields.GraphField> fields = GraphFields.of(type);
        if (fields == null) {
            throw new IllegalArgumentException("the fields of " + type.getName() + " are not accessible");
        }
        int expected = fields.size() + (node.containsKey(FieldGraph.CLASS_KEY) ? 1 : 0);
        if (node.size() != expected) {
            throw new IllegalArgumentException("the recorded fields of " + type.getName() + " are not its fields: "
                    + node.keySet());
        }
        Map<String, Object> values = new HashMap<>();
        for (GraphFields.GraphField field : fields) {
            if (!node.containsKey(field.key())) {
                throw new IllegalArgumentException("no field " + field.key() + " recorded for " + type.getName());
            }
            values.put(field.key(), read(node.get(field.key()), SlotTypes.field(field.field(), slot)));
        }
        if (type.isRecord()) {
            return record(type, values);
        }
        Object made = ALLOCATORS.get(type).newInstance();
        for (GraphFields.GraphField field : fields) {
            field.field().set(made, values.get(field.key()));
        }
        return made;
    }

    private static Object record(Class<?> type, Map<String, Object> values) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            arguments[i] = values.get(components[i].getName());
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(arguments);
    }

    /**
     * The class a node names, if its slot takes it: one of the JDK values the graph knows, else a class
     * loaded through the step's loader without initialising it, then refused unless it is a subclass of
     * the slot's class. A slot declared {@code Object} takes no application class: any class would be a
     * subclass.
     */
    private Class<?> resolve(String name, Class<?> slotClass) throws ClassNotFoundException {
        Class<?> type = JdkValues.named(name);
        if (type == null) {
            type = Class.forName(name, false, loader);
            if (slotClass == Object.class && !isJdkValue(type)) {
                throw refused(name, slotClass);
            }
        }
        if (!SlotTypes.boxed(slotClass).isAssignableFrom(type)) {
            throw refused(name, slotClass);
        }
        return type;
    }

    /** A JDK enum, or an array of primitives or JDK scalars. */
    private static boolean isJdkValue(Class<?> type) {
        Class<?> component = type;
        while (component.isArray()) {
            component = component.getComponentType();
        }
        return component.isPrimitive() || JdkValues.isScalar(component)
                || (component.isEnum() && JdkValues.isJdk(component));
    }

    /** {@code type} if objects of it may be made from their fields: a concrete class outside the JDK. */
    private static Class<?> admitted(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isHidden()
                || (JdkValues.isJdk(type) && !type.isEnum())) {
            throw new IllegalArgumentException("objects of " + type.getName() + " are not rebuilt from fields");
        }
        return type;
    }

    private static IllegalArgumentException refused(String name, Class<?> slotClass) {
        return new IllegalArgumentException("the journal names class " + name + " for a value declared "
                + slotClass.getName() + "; refused");
    }

    private static Object constant(Class<?> type, Object name) {
        if (!(name instanceof String constant)) {
            throw new IllegalArgumentException("not a constant of " + type.getName() + ": " + name);
        }
        for (Object each : type.getEnumConstants()) {
            if (((Enum<?>) each).name().equals(constant)) {
                return each;
            }
        }
        throw new IllegalArgumentException("no constant " + constant + " in " + type.getName());
    }

    private static List<?> list(Object node) {
        if (node instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("not a list: " + node);
    }
}
