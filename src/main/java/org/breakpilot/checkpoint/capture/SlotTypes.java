package org.breakpilot.checkpoint.capture;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;

/**
 * The declared type of each place a value sits in a field graph (a method's return, a field, a
 * collection's element, a map's key or value), computed alike when a graph is captured and when it is
 * rebuilt: a node names its class only when it differs from its slot's, so both sides must agree on the
 * slot.
 */
final class SlotTypes {

    private SlotTypes() {
    }

    /** The class a value in {@code slot} must be an instance of. */
    static Class<?> erase(Type slot) {
        if (slot instanceof Class<?> type) {
            return type;
        }
        if (slot instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (slot instanceof GenericArrayType array) {
            return erase(array.getGenericComponentType()).arrayType();
        }
        if (slot instanceof WildcardType wildcard) {
            return erase(wildcard.getUpperBounds()[0]);
        }
        if (slot instanceof TypeVariable<?> variable) {
            return erase(variable.getBounds()[0]);
        }
        return Object.class;
    }

    /** Type argument {@code index} of {@code slot} (a list's element, a map's value), or Object when it has none. */
    static Type argument(Type slot, int index) {
        if (slot instanceof ParameterizedType parameterized && index < parameterized.getActualTypeArguments().length) {
            return parameterized.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    /** The slot of an array's elements. */
    static Type component(Class<?> arrayType) {
        return arrayType.getComponentType();
    }

    /**
     * The slot of {@code field} in an object whose own slot is {@code ownerSlot}: the field's generic type,
     * with the owner's type arguments put in for the owner class's type variables.
     */
    static Type field(Field field, Type ownerSlot) {
        Type declared = field.getGenericType();
        if (ownerSlot instanceof ParameterizedType owner && owner.getRawType() == field.getDeclaringClass()
                && declared instanceof TypeVariable<?> variable) {
            TypeVariable<?>[] variables = field.getDeclaringClass().getTypeParameters();
            for (int i = 0; i < variables.length; i++) {
                if (variables[i].getName().equals(variable.getName())) {
                    return owner.getActualTypeArguments()[i];
                }
            }
        }
        return declared;
    }

    /** Whether a value of class {@code type} sits in a slot of class {@code slot} without naming its class. */
    static boolean isSlotClass(Class<?> type, Class<?> slot) {
        return type == slot || (slot.isPrimitive() && type == boxed(slot));
    }

    /** The wrapper of a primitive class, else the class itself. */
    static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }
}
