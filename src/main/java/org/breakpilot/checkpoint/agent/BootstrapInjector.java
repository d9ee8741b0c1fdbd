package org.breakpilot.checkpoint.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.breakpilot.checkpoint.agent.bootstrap.CheckpointSink;
import org.breakpilot.checkpoint.agent.bootstrap.Dispatcher;
import org.breakpilot.checkpoint.agent.bootstrap.Replayed;
import org.breakpilot.checkpoint.agent.bootstrap.SessionQueries;
import org.breakpilot.checkpoint.agent.bootstrap.TaskScopes;

/**
 * Puts the dispatcher classes in the boot class loader, so that instrumented classes of every class
 * loader find the same dispatcher. Only these few JDK-typed classes go there: the rest of the agent
 * (and its shaded libraries) stays out of the application's sight.
 *
 * <p>They are defined directly in the boot loader: appending a jar to the bootstrap class path would
 * make the JVM print a warning and stop sharing (CDS) application classes, costing every start-up.
 * Appending remains the fallback for a JVM that refuses the direct way.
 */
final class BootstrapInjector {

    private static final String PACKAGE = "org.breakpilot.checkpoint.agent.bootstrap.";
    private static final List<String> CLASSES = List.of("CheckpointSink", "SessionQueries", "Replayed",
            "Dispatcher$ThreadState", "Dispatcher$ScopeContext", "Dispatcher$SessionScope", "Dispatcher$ScopedRunnable", "TaskScopes",
            "TaskScopes$WeakKey", "TaskScopes$LookupKey", "Dispatcher");

    private BootstrapInjector() {
    }

    static void inject(Instrumentation instrumentation) throws IOException {
        if (injected()) {
            return;
        }
        Map<String, byte[]> classes = readClasses();
        try {
            defineInBootLoader(instrumentation, classes);
        } catch (ReflectiveOperationException | RuntimeException refused) {
            appendJar(instrumentation, classes);
        }
    }

    /**
     * Whether the dispatcher is in the boot loader already: an agent ran or runs. A detached agent leaves
     * its dispatcher behind; attaching again reuses it.
     */
    static boolean injected() {
        try {
            Class.forName(PACKAGE + "Dispatcher", false, null);
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    private static Map<String, byte[]> readClasses() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String simpleName : CLASSES) {
            String resource = (PACKAGE + simpleName).replace('.', '/') + ".class";
            try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("the agent jar lacks " + resource);
                }
                classes.put(PACKAGE + simpleName, in.readAllBytes());
            }
        }
        return classes;
    }

    private static void defineInBootLoader(Instrumentation instrumentation, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(),
                Map.of("jdk.internal.misc", Set.of(BootstrapInjector.class.getModule())), Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, java.security.ProtectionDomain.class);
        for (Map.Entry<String, byte[]> type : classes.entrySet()) {
            byte[] bytes = type.getValue();
            defineClass.invoke(unsafe, type.getKey(), bytes, 0, bytes.length, null, null);
        }
    }

    private static void appendJar(Instrumentation instrumentation, Map<String, byte[]> classes) throws IOException {
        Path jar = Files.createTempFile("checkpoint-agent-bootstrap-", ".jar",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        jar.toFile().deleteOnExit();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> type : classes.entrySet()) {
                out.putNextEntry(new JarEntry(type.getKey().replace('.', '/') + ".class"));
                out.write(type.getValue());
                out.closeEntry();
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }
}
