package org.breakpilot.checkpoint.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.breakpilot.checkpoint.testing.Jvm;

/** Outer jars holding {@code lib/*.jar}, as a Spring Boot fat jar nests them, for {@code NestedJarLoader}. */
final class NestedJars {

    private NestedJars() {
    }

    /**
     * Writes {@code outer} holding {@code lib/guest.jar} (the test class file {@code guestEntry}) and each
     * of {@code libraries} as {@code lib/<its name>}.
     */
    static Path write(Path outer, String guestEntry, List<Path> libraries) throws IOException {
        ByteArrayOutputStream guest = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(guest)) {
            jar.putNextEntry(new JarEntry(guestEntry));
            jar.write(Files.readAllBytes(Jvm.TEST_CLASSES.resolve(guestEntry)));
            jar.closeEntry();
        }
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(outer))) {
            jar.putNextEntry(new JarEntry("lib/guest.jar"));
            jar.write(guest.toByteArray());
            jar.closeEntry();
            for (Path library : libraries) {
                jar.putNextEntry(new JarEntry("lib/" + library.getFileName()));
                jar.write(Files.readAllBytes(library));
                jar.closeEntry();
            }
        }
        return outer;
    }
}
