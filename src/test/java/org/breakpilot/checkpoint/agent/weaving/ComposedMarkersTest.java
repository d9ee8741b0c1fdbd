package org.breakpilot.checkpoint.agent.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Executable;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.breakpilot.testhost.MarkingHost;
import org.junit.jupiter.api.Test;

/** The gate's JDK-only reading of annotation types from class files, and its per-type cache. */
class ComposedMarkersTest {

    private static final String CHECKPOINT = "org/breakpilot/checkpoint/api/Checkpoint";
    private static final String OTHER = "org/breakpilot/testhost/MarkingHost$Other";
    private static final String PAYMENTS = "org/breakpilot/testhost/MarkingHost$Payments";

    @Test
    void theAnnotationTypesReadFromClassFilesAreThoseReflectionSees() throws Exception {
        for (Path root : List.of(Path.of("target/test-classes"), Path.of("target/classes"))) {
            List<Path> classFiles;
            try (Stream<Path> files = Files.walk(root.resolve("org/breakpilot"))) {
                classFiles = files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
            }
            assertTrue(classFiles.size() > 100, root + ": " + classFiles.size());
            for (Path classFile : classFiles) {
                assertReadAsReflectionSees(root, classFile);
            }
        }
    }

    private void assertReadAsReflectionSees(Path root, Path classFile) throws Exception {
        String internalName = root.relativize(classFile).toString().replace(".class", "");
        Class<?> type = Class.forName(internalName.replace('/', '.'), false, getClass().getClassLoader());

        Set<String> read = new TreeSet<>(ClassFileAnnotations.annotationTypes(Files.readAllBytes(classFile), true));

        assertEquals(reflected(type), read, internalName);
    }

    @Test
    void aClassUsingOnlyComposedAnnotationsIsACandidateAndACycleIsNot() throws Exception {
        CandidateGate gate = gate();
        ClassLoader loader = getClass().getClassLoader();

        assertFalse(CandidateGate.contains(classFile(PAYMENTS), ("L" + CHECKPOINT + ";").getBytes()),
                "the host class names no marking annotation itself");
        assertTrue(gate.isCandidate(loader, PAYMENTS, classFile(PAYMENTS)));
        assertFalse(gate.isCandidate(loader, "org/breakpilot/testhost/MarkingHost$LoopA",
                classFile("org/breakpilot/testhost/MarkingHost$LoopA")), "LoopA carries LoopB, which carries LoopA");
        assertFalse(gate.isCandidate(loader, "org/breakpilot/testhost/ForeignHost",
                classFile("org/breakpilot/testhost/ForeignHost")), "no annotation at all");
    }

    @Test
    void eachAnnotationTypeIsReadOnceAndAnUnreadableOneIsAskedAgainThroughTheNextLoader() throws Exception {
        ComposedMarkers markers = new ComposedMarkers(Set.of(CHECKPOINT, OTHER));
        CountingLoader blind = new CountingLoader(null);
        CountingLoader seeing = new CountingLoader(getClass().getClassLoader());

        assertFalse(markers.usedBy(blind, classFile(PAYMENTS)), "cannot read the annotation types");
        assertTrue(markers.usedBy(seeing, classFile(PAYMENTS)));
        int reads = seeing.reads.size();
        assertTrue(markers.usedBy(seeing, classFile(PAYMENTS)));
        assertTrue(markers.usedBy(seeing, classFile("org/breakpilot/testhost/MarkingHost$RefundStep")));
        assertFalse(markers.usedBy(seeing, classFile("org/breakpilot/testhost/MarkingHost$LoopA")));

        assertEquals(reads + 2, seeing.reads.size(), "only LoopB and LoopA are new: " + seeing.reads);
        assertEquals(new TreeSet<>(seeing.reads).size(), seeing.reads.size(), "no class file read twice: " + seeing.reads);
        assertTrue(seeing.reads.stream().noneMatch(r -> r.startsWith("java/")), "JDK types are never read: " + seeing.reads);
    }

    private static CandidateGate gate() {
        return new CandidateGate(List.of("org.breakpilot.checkpoint.api.Checkpoint",
                "org.breakpilot.testhost.MarkingHost$Other"), Set.of(), () -> null);
    }

    /** Runtime-visible annotation types on the type, its methods and constructors, as reflection reports them. */
    private static Set<String> reflected(Class<?> type) {
        Set<String> names = new TreeSet<>();
        List<Annotation> annotations = new ArrayList<>(List.of(type.getDeclaredAnnotations()));
        for (Executable method : type.getDeclaredMethods()) {
            annotations.addAll(List.of(method.getDeclaredAnnotations()));
        }
        for (Executable constructor : type.getDeclaredConstructors()) {
            annotations.addAll(List.of(constructor.getDeclaredAnnotations()));
        }
        for (Annotation annotation : annotations) {
            Retention retention = annotation.annotationType().getAnnotation(Retention.class);
            if (retention != null && retention.value() == RetentionPolicy.RUNTIME) {
                names.add(annotation.annotationType().getName().replace('.', '/'));
            }
        }
        return names;
    }

    private static byte[] classFile(String internalName) throws IOException {
        try (InputStream in = MarkingHost.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Counts the class files read through it; with a null delegate it sees none. */
    private static final class CountingLoader extends ClassLoader {
        final List<String> reads = new ArrayList<>();
        private final ClassLoader delegate;

        CountingLoader(ClassLoader delegate) {
            super(null);
            this.delegate = delegate;
        }

        @Override
        public URL getResource(String name) {
            reads.add(name.replace(".class", ""));
            return delegate == null ? null : delegate.getResource(name);
        }
    }
}
