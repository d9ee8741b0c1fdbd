package org.breakpilot.checkpoint.agent.weaving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attach scan's reading of loaded classes' class files: from their code source, else from their loader. */
class LoadedClassFilesTest {

    private static final String SAMPLE = Sample.class.getName();
    private static final String SAMPLE_FILE = SAMPLE.replace('.', '/') + ".class";

    /** Loaded in a loader of its own, which sees only the JDK's classes beside it. */
    public static final class Sample {
    }

    @Test
    void readsAClassFromTheDirectoryItWasLoadedFrom(@TempDir Path directory) throws Exception {
        byte[] original = sampleBytes();
        Files.createDirectories(directory.resolve(SAMPLE_FILE).getParent());
        Files.write(directory.resolve(SAMPLE_FILE), original);
        try (URLClassLoader loader = isolated(directory.toUri().toURL());
             LoadedClassFiles classFiles = new LoadedClassFiles()) {
            Class<?> loaded = loader.loadClass(SAMPLE);
            assertSame(loader, loaded.getClassLoader());
            assertArrayEquals(original, classFiles.classFile(loaded, internalName()));
        }
    }

    @Test
    void readsFromAMultiReleaseJarTheVersionThisJdkLoads(@TempDir Path directory) throws Exception {
        byte[] original = sampleBytes();
        Path jar = directory.resolve("multi.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Multi-Release"), "true");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            // Not a class file: read unversioned, the scan would see these bytes instead of the class loaded.
            write(out, SAMPLE_FILE, "not the class this JDK loads".getBytes(StandardCharsets.US_ASCII));
            write(out, "META-INF/versions/17/" + SAMPLE_FILE, original);
        }
        try (URLClassLoader loader = isolated(jar.toUri().toURL());
             LoadedClassFiles classFiles = new LoadedClassFiles()) {
            Class<?> loaded = loader.loadClass(SAMPLE);
            assertArrayEquals(original, classFiles.classFile(loaded, internalName()));
        }
    }

    @Test
    void asksTheLoaderWhenTheCodeSourceHasNoSuchFile(@TempDir Path empty) throws Exception {
        byte[] original = sampleBytes();
        ServingLoader loader = new ServingLoader(original, new CodeSource(empty.toUri().toURL(), (Certificate[]) null));
        try (LoadedClassFiles classFiles = new LoadedClassFiles()) {
            assertArrayEquals(original, classFiles.classFile(loader.sample(), internalName()));
        }
    }

    @Test
    void asksTheLoaderWhenTheCodeSourceIsNotLocal() throws Exception {
        byte[] original = sampleBytes();
        ServingLoader loader = new ServingLoader(original, new CodeSource(new URL("http://example.invalid/app.jar"),
                (Certificate[]) null));
        try (LoadedClassFiles classFiles = new LoadedClassFiles()) {
            assertArrayEquals(original, classFiles.classFile(loader.sample(), internalName()));
        }
    }

    @Test
    void hasNoClassFileForTheBootLoadersClasses() {
        try (LoadedClassFiles classFiles = new LoadedClassFiles()) {
            assertNull(classFiles.classFile(String.class, "java/lang/String"));
        }
    }

    private static String internalName() {
        return SAMPLE.replace('.', '/');
    }

    private static byte[] sampleBytes() throws Exception {
        try (InputStream in = LoadedClassFilesTest.class.getClassLoader().getResourceAsStream(SAMPLE_FILE)) {
            return in.readAllBytes();
        }
    }

    private static URLClassLoader isolated(URL location) {
        return new URLClassLoader(new URL[] {location}, ClassLoader.getPlatformClassLoader());
    }

    private static void write(JarOutputStream jar, String name, byte[] bytes) throws Exception {
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }

    /** Defines the sample under a code source that lacks it, and serves its class file as a resource. */
    private static final class ServingLoader extends ClassLoader {
        private final byte[] classFile;
        private final Class<?> sample;

        ServingLoader(byte[] classFile, CodeSource codeSource) {
            super(ClassLoader.getPlatformClassLoader());
            this.classFile = classFile;
            this.sample = defineClass(SAMPLE, classFile, 0, classFile.length, new ProtectionDomain(codeSource, null));
        }

        Class<?> sample() {
            return sample;
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            return name.equals(SAMPLE_FILE) ? new ByteArrayInputStream(classFile) : null;
        }
    }
}
