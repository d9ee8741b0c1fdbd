package org.breakpilot.testhost;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Defines classes from a jar nested in another jar ({@code lib/*.jar} inside the outer one), as
 * Spring Boot's launcher does: the class files have no URL of their own and the loader serves no
 * resources for them, so only the bytes handed to transformers describe them.
 */
public final class NestedJarLoader extends ClassLoader {

    private final Map<String, byte[]> classes = new HashMap<>();

    public NestedJarLoader(Path outerJar, ClassLoader parent) throws IOException {
        super(parent);
        try (InputStream file = Files.newInputStream(outerJar); JarInputStream outer = new JarInputStream(file)) {
            for (JarEntry entry = outer.getNextJarEntry(); entry != null; entry = outer.getNextJarEntry()) {
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    readNested(outer.readAllBytes());
                }
            }
        }
    }

    private void readNested(byte[] nestedJar) throws IOException {
        try (JarInputStream nested = new JarInputStream(new ByteArrayInputStream(nestedJar))) {
            for (JarEntry entry = nested.getNextJarEntry(); entry != null; entry = nested.getNextJarEntry()) {
                if (entry.getName().endsWith(".class")) {
                    String name = entry.getName().substring(0, entry.getName().length() - ".class".length()).replace('/', '.');
                    classes.put(name, nested.readAllBytes());
                }
            }
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && classes.containsKey(name)) {
                loaded = findClass(name);
            }
            if (loaded == null) {
                loaded = super.loadClass(name, false);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
