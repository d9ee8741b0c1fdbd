package org.breakpilot.checkpoint.agent.weaving;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The only transformer registered at start-up, written with the JDK alone: it recognises candidate
 * classes from their bytes (the descriptor of a marking annotation in the constant pool, an annotation
 * whose type carries one, or a class named by {@code methods=} or {@code replayMethods=}) and hands
 * only those to Byte Buddy, which it initialises on the first one. A JVM that loads no annotated class
 * never pays Byte Buddy's start-up.
 */
public final class CandidateGate implements ClassFileTransformer {

    /** JDK internals, our own classes, Byte Buddy's, and other agents' are never instrumented. */
    private static final List<String> NEVER_CANDIDATES = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/",
            "org/breakpilot/checkpoint/", "net/bytebuddy/", "io/opentelemetry/javaagent/", "co/elastic/apm/",
            "datadog/");

    private final byte[][] markers;
    private final ComposedMarkers composedMarkers;
    private final Set<String> selectedClasses;
    private final Supplier<ClassFileTransformer> instrumentation;
    private volatile ClassFileTransformer delegate;
    private final Set<String> transformed = ConcurrentHashMap.newKeySet();

    public CandidateGate(List<String> markingAnnotations, Set<String> selectedClasses,
                  Supplier<ClassFileTransformer> instrumentation) {
        // Loops rather than streams: this runs in premain, where each first lambda costs start-up time.
        this.markers = new byte[markingAnnotations.size()][];
        Set<String> markerNames = new HashSet<>();
        for (int i = 0; i < markers.length; i++) {
            String internalName = markingAnnotations.get(i).replace('.', '/');
            markers[i] = ("L" + internalName + ";").getBytes(StandardCharsets.UTF_8);
            markerNames.add(internalName);
        }
        this.composedMarkers = new ComposedMarkers(markerNames);
        this.selectedClasses = new HashSet<>();
        for (String name : selectedClasses) {
            this.selectedClasses.add(name.replace('.', '/'));
        }
        this.instrumentation = instrumentation;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classfileBuffer) {
        try {
            if (className == null || classfileBuffer == null || !isCandidate(loader, className, classfileBuffer)) {
                return null;
            }
            byte[] changed = delegate().transform(module, loader, className, classBeingRedefined, domain, classfileBuffer);
            if (changed != null) {
                transformed.add(className);
            }
            return changed;
        } catch (IllegalClassFormatException | RuntimeException | LinkageError e) {
            // Byte Buddy's listener has logged what it could; the class loads unchanged either way.
            return null;
        }
    }

    /** Whether a class of this internal name was changed by the agent (to restore it on detach). */
    public boolean transformed(String className) {
        return transformed.contains(className);
    }

    /** Whether a class of this internal name is never instrumented, whatever its bytes say. */
    public static boolean neverCandidate(String className) {
        for (String prefix : NEVER_CANDIDATES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the class of this internal name and class file, defined by {@code loader}, may have
     * methods to instrument.
     *
     * @throws RuntimeException when the bytes are not a well-formed class file
     */
    public boolean isCandidate(ClassLoader loader, String className, byte[] bytes) {
        if (neverCandidate(className)) {
            return false;
        }
        if (selectedClasses.contains(className)) {
            return true;
        }
        for (byte[] marker : markers) {
            if (contains(bytes, marker)) {
                return true;
            }
        }
        return composedMarkers.usedBy(loader, bytes);
    }

    private ClassFileTransformer delegate() {
        ClassFileTransformer current = delegate;
        if (current == null) {
            synchronized (this) {
                current = delegate;
                if (current == null) {
                    current = instrumentation.get();
                    delegate = current;
                }
            }
        }
        return current;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
