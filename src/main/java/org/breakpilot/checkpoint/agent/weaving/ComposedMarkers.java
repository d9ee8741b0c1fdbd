package org.breakpilot.checkpoint.agent.weaving;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Recognises, for the {@link CandidateGate}, a class whose methods or type carry a composed marking
 * annotation: one whose type is annotated with a marking annotation, at most {@value #MAX_DEPTH}
 * annotations deep, as {@link MethodFactsReader} follows them. An annotation type's class file is
 * read once, through the class loader's resources (never by loading it), and the answer is cached by
 * name. Written with the JDK alone. Thread-safe.
 */
public final class ComposedMarkers {

    /** How deep annotations on annotations are followed. */
    static final int MAX_DEPTH = 4;

    private final Set<String> markers;
    private final ConcurrentMap<String, Boolean> carriesMarker = new ConcurrentHashMap<>();

    /** @param markers internal names of the marking annotations ({@code org/breakpilot/checkpoint/api/Checkpoint}) */
    ComposedMarkers(Set<String> markers) {
        this.markers = markers;
    }

    /**
     * Whether an annotation on the class or one of its methods carries a marking annotation. False for
     * the boot loader's classes, whose annotations' class files it cannot read.
     *
     * @throws RuntimeException when the bytes are not a well-formed class file
     */
    boolean usedBy(ClassLoader loader, byte[] classFile) {
        if (loader == null) {
            return false;
        }
        List<String> used = ClassFileAnnotations.annotationTypes(classFile, true);
        for (int i = 0; i < used.size(); i++) {
            String type = used.get(i);
            if (markers.contains(type) || !CandidateGate.neverCandidate(type) && carries(loader, type)) {
                return true;
            }
        }
        return false;
    }

    private boolean carries(ClassLoader loader, String annotationType) {
        Boolean known = carriesMarker.get(annotationType);
        if (known != null) {
            return known;
        }
        Set<String> followed = new HashSet<>();
        followed.add(annotationType);
        Boolean found = carries(loader, annotationType, 1, followed);
        if (found != null) {
            // A type this loader could not read stays unknown: another loader may see it.
            carriesMarker.put(annotationType, found);
        }
        return Boolean.TRUE.equals(found);
    }

    /**
     * Whether the annotations on {@code annotationType} are, or carry within the depth limit, a marking
     * annotation; null when its class file cannot be read.
     */
    private Boolean carries(ClassLoader loader, String annotationType, int depth, Set<String> followed) {
        byte[] classFile = classFile(loader, annotationType);
        if (classFile == null) {
            return null;
        }
        if (!ClassFileAnnotations.isAnnotationType(classFile)) {
            return Boolean.FALSE;
        }
        List<String> carried = ClassFileAnnotations.annotationTypes(classFile, false);
        List<String> toFollow = new ArrayList<>();
        for (int i = 0; i < carried.size(); i++) {
            String type = carried.get(i);
            if (markers.contains(type)) {
                return Boolean.TRUE;
            }
            if (!CandidateGate.neverCandidate(type) && followed.add(type)) {
                toFollow.add(type);
            }
        }
        if (depth < MAX_DEPTH) {
            for (int i = 0; i < toFollow.size(); i++) {
                String type = toFollow.get(i);
                Boolean known = carriesMarker.get(type);
                if (known == null) {
                    known = carries(loader, type, depth + 1, followed);
                }
                if (Boolean.TRUE.equals(known)) {
                    return Boolean.TRUE;
                }
            }
        }
        return Boolean.FALSE;
    }

    /** The class file of {@code internalName} as {@code loader} finds it, or null. */
    public static byte[] classFile(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
