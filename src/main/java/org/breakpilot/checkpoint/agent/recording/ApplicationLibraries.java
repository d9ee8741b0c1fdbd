package org.breakpilot.checkpoint.agent.recording;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's own SLF4J MDC and OpenTelemetry span, as each instrumented method's class loader
 * sees them. The loader is noted when the method is instrumented, without loading or initialising
 * anything; each library is looked up once per loader, on the first call that asks, and a loader that
 * has none pays that one failed look-up. Nothing here keeps a class loader alive: loaders are held
 * weakly, and the handles live in the library's own class (see {@link ApplicationMdc}).
 *
 * <p>Reads never throw: a failure of the application's library is counted, logged once per library,
 * and answered as "nothing there". Registration is locked and rare; reads take no lock.
 */
public final class ApplicationLibraries {

    /** The logger, made on first use: SLF4J's start-up would otherwise be paid in premain. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(ApplicationLibraries.class);
    }

    private final Map<ClassLoader, LoaderView> byLoader = new WeakHashMap<>();
    private volatile LoaderView[] byMethod = new LoaderView[64];
    private final AtomicLong failures = new AtomicLong();
    private final AtomicBoolean mdcFailureLogged = new AtomicBoolean();
    private final AtomicBoolean traceFailureLogged = new AtomicBoolean();

    /** Notes that method {@code methodId} is declared by a class of {@code loader} (null: the boot loader). */
    public synchronized void register(int methodId, ClassLoader loader) {
        LoaderView view = byLoader.get(loader);
        if (view == null) {
            view = new LoaderView(loader);
            byLoader.put(loader, view);
        }
        LoaderView[] current = byMethod;
        if (methodId >= current.length) {
            current = Arrays.copyOf(current, Math.max(current.length * 2, methodId + 1));
        }
        current[methodId] = view;
        byMethod = current;
    }

    /** The value of {@code key} in the application's MDC on this thread, or null (also when empty). */
    String mdcValue(int methodId, String key) {
        LoaderView view = viewOf(methodId);
        ApplicationMdc mdc = view == null ? null : view.mdc();
        if (mdc == null) {
            return null;
        }
        try {
            String value = mdc.get(key);
            return value == null || value.isEmpty() ? null : value;
        } catch (Throwable e) {
            failed(mdcFailureLogged, "The application's SLF4J MDC failed; calls are recorded in the session they"
                    + " would have without sessionFrom, and further failures are only counted", e);
            return null;
        }
    }

    /** The ids of the application's current OpenTelemetry span on this thread, or null. */
    ApplicationTrace.Ids currentTrace(int methodId) {
        LoaderView view = viewOf(methodId);
        ApplicationTrace trace = view == null ? null : view.trace();
        if (trace == null) {
            return null;
        }
        try {
            return trace.current();
        } catch (Throwable e) {
            failed(traceFailureLogged, "The application's OpenTelemetry context failed; checkpoints are recorded"
                    + " without traceId and spanId, and further failures are only counted", e);
            return null;
        }
    }

    /** How many reads the application's libraries failed. */
    long failures() {
        return failures.get();
    }

    /**
     * {@code name} as {@code loader} would load it, not initialised, or null when it cannot: a missing
     * class, or a loader that fails (a broken one must not break the call).
     */
    static Class<?> visibleClass(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError | RuntimeException notVisible) {
            return null;
        }
    }

    private LoaderView viewOf(int methodId) {
        LoaderView[] current = byMethod;
        return methodId >= 0 && methodId < current.length ? current[methodId] : null;
    }

    private void failed(AtomicBoolean logged, String message, Throwable e) {
        failures.incrementAndGet();
        // Logging with no stack left would itself overflow, inside the logger's lock.
        if (!(e instanceof StackOverflowError) && logged.compareAndSet(false, true)) {
            Log.LOG.warn(message, e);
        }
    }

    /**
     * One class loader's libraries, each looked up on first use. The references are weak but do not
     * clear while the loader lives: the library's class, which the loader keeps, holds what they point
     * to. Two threads may both look up at first; they find the same.
     */
    private static final class LoaderView {
        private final WeakReference<ClassLoader> loader;
        // Null until looked up; then a reference to what was found, or to null when the loader has none,
        // so that such a loader is asked only once.
        private volatile WeakReference<ApplicationMdc> mdc;
        private volatile WeakReference<ApplicationTrace> trace;

        LoaderView(ClassLoader loader) {
            this.loader = new WeakReference<>(loader);
        }

        ApplicationMdc mdc() {
            WeakReference<ApplicationMdc> found = mdc;
            if (found == null) {
                mdc = found = new WeakReference<>(ApplicationMdc.seenBy(loader.get()));
            }
            return found.get();
        }

        ApplicationTrace trace() {
            WeakReference<ApplicationTrace> found = trace;
            if (found == null) {
                trace = found = new WeakReference<>(ApplicationTrace.seenBy(loader.get()));
            }
            return found.get();
        }
    }
}
