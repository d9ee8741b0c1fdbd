package org.breakpilot.checkpoint.agent.recording;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * {@code org.slf4j.MDC.get(key)} of the application's own SLF4J (1.7 or 2.x), as one of its class
 * loaders sees it; never our relocated copy. Only reads: the application's MDC is never changed.
 * Immutable and thread-safe.
 */
final class ApplicationMdc {

    // Built at run time: the agent jar's shading rewrites every literal naming org.slf4j into our
    // relocated package, and this must name the application's class.
    private static final String MDC_CLASS = String.join(".", "org", "slf4j", "MDC");

    // Kept in the MDC class itself, so that the handle lives exactly as long as the application's
    // SLF4J does: a map of ours holding it would keep a discarded class loader alive.
    private static final ClassValue<ApplicationMdc> OF_CLASS = new ClassValue<>() {
        @Override
        protected ApplicationMdc computeValue(Class<?> mdc) {
            try {
                return new ApplicationMdc(MethodHandles.publicLookup().findStatic(mdc, "get",
                        MethodType.methodType(String.class, String.class)));
            } catch (ReflectiveOperationException | RuntimeException notTheMdcWeKnow) {
                return null;
            }
        }
    };

    private final MethodHandle get;

    private ApplicationMdc(MethodHandle get) {
        this.get = get;
    }

    /**
     * The MDC {@code loader} sees, or null when it sees no SLF4J. Looks the class up without
     * initialising it; costs a failed class look-up when there is none, so callers keep the answer.
     */
    static ApplicationMdc seenBy(ClassLoader loader) {
        Class<?> mdc = ApplicationLibraries.visibleClass(MDC_CLASS, loader);
        return mdc == null ? null : OF_CLASS.get(mdc);
    }

    /**
     * The value of {@code key} in the calling thread's MDC, or null.
     *
     * @throws Throwable whatever the application's MDC adapter throws
     */
    String get(String key) throws Throwable {
        return (String) get.invokeExact(key);
    }
}
