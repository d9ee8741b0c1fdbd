package org.breakpilot.checkpoint.agent.weaving;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads, with the JDK alone, which annotation types a class file's runtime-visible annotations use: a
 * walk over the constant pool and the attribute tables that skips everything else by its length. A class
 * with no {@code RuntimeVisibleAnnotations} attribute costs the constant-pool walk only.
 */
final class ClassFileAnnotations {

    private static final byte[] RUNTIME_VISIBLE_ANNOTATIONS =
            "RuntimeVisibleAnnotations".getBytes(StandardCharsets.US_ASCII);
    private static final int ACC_ANNOTATION = 0x2000;

    private final byte[] bytes;
    private final int[] constants;
    private final int annotationsAttribute;
    private int position;

    private ClassFileAnnotations(byte[] bytes) {
        this.bytes = bytes;
        int count = u2(8);
        this.constants = new int[count];
        int visibleAnnotations = 0;
        position = 10;
        for (int index = 1; index < count; index++) {
            constants[index] = position;
            int tag = bytes[position] & 0xFF;
            switch (tag) {
                case 1 -> {
                    int length = u2(position + 1);
                    if (matches(position + 3, length, RUNTIME_VISIBLE_ANNOTATIONS)) {
                        visibleAnnotations = index;
                    }
                    position += 3 + length;
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> position += 5;
                case 5, 6 -> {
                    position += 9;
                    index++;
                }
                case 7, 8, 16, 19, 20 -> position += 3;
                case 15 -> position += 4;
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        this.annotationsAttribute = visibleAnnotations;
    }

    /**
     * Internal names ({@code com/acme/Step}) of the annotation types on the class, and on its methods
     * when {@code withMethods}, in the order met; repeats are possible.
     *
     * @throws RuntimeException when the bytes are not a well-formed class file
     */
    static List<String> annotationTypes(byte[] classFile, boolean withMethods) {
        ClassFileAnnotations reader = new ClassFileAnnotations(classFile);
        List<String> types = new ArrayList<>();
        if (reader.annotationsAttribute != 0) {
            reader.readAnnotationTypes(withMethods, types);
        }
        return types;
    }

    /** Whether the class file declares an annotation type. */
    static boolean isAnnotationType(byte[] classFile) {
        ClassFileAnnotations reader = new ClassFileAnnotations(classFile);
        return (reader.u2(reader.position) & ACC_ANNOTATION) != 0;
    }

    private void readAnnotationTypes(boolean withMethods, List<String> types) {
        position += 6; // access flags, this class, super class
        position += 2 + 2 * u2(position); // interfaces
        skipMembers(null);
        skipMembers(withMethods ? types : null);
        readAttributes(types);
    }

    /** Fields or methods; their annotations are read into {@code types} unless it is null. */
    private void skipMembers(List<String> types) {
        int count = u2(position);
        position += 2;
        for (int i = 0; i < count; i++) {
            position += 6; // access flags, name, descriptor
            if (types == null) {
                skipAttributes();
            } else {
                readAttributes(types);
            }
        }
    }

    private void skipAttributes() {
        int count = u2(position);
        position += 2;
        for (int i = 0; i < count; i++) {
            position += 6 + u4(position + 2);
        }
    }

    private void readAttributes(List<String> types) {
        int count = u2(position);
        position += 2;
        for (int i = 0; i < count; i++) {
            int name = u2(position);
            int end = position + 6 + u4(position + 2);
            if (name == annotationsAttribute) {
                int annotations = u2(position + 6);
                position += 8;
                for (int a = 0; a < annotations; a++) {
                    types.add(annotation());
                }
            }
            position = end;
        }
    }

    /** Reads one annotation structure and returns its type's internal name. */
    private String annotation() {
        String type = descriptorType(u2(position));
        int pairs = u2(position + 2);
        position += 4;
        for (int i = 0; i < pairs; i++) {
            position += 2; // element name
            skipElementValue();
        }
        return type;
    }

    private void skipElementValue() {
        int tag = bytes[position++];
        switch (tag) {
            case 'e' -> position += 4;
            case '@' -> annotation();
            case '[' -> {
                int count = u2(position);
                position += 2;
                for (int i = 0; i < count; i++) {
                    skipElementValue();
                }
            }
            default -> position += 2; // a constant or a class
        }
    }

    /** {@code Lcom/acme/Step;} at constant {@code index}, as {@code com/acme/Step}. */
    private String descriptorType(int index) {
        int offset = constants[index];
        int length = u2(offset + 1);
        return new String(bytes, offset + 4, length - 2, StandardCharsets.UTF_8);
    }

    private boolean matches(int offset, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private int u2(int offset) {
        return (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF;
    }

    private int u4(int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8
                | bytes[offset + 3] & 0xFF;
    }
}
