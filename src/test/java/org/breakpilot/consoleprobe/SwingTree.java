package org.breakpilot.consoleprobe;

import java.awt.Component;
import java.awt.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;

/**
 * Reading Swing from another thread, for the tab's tests and for {@link ConsoleProbe} in JConsole's JVM
 * (which carries this class in its jar).
 */
public final class SwingTree {

    private SwingTree() {
    }

    /** {@code read}'s value, computed on the event dispatch thread; its exception thrown here. */
    public static <T> T onEdt(Callable<T> read) throws Exception {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                value.set(read.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return value.get();
    }

    /** Every component of {@code type} under {@code root}, {@code root} included, depth first. */
    public static <T> List<T> all(Component root, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(root, type, found);
        return found;
    }

    private static <T> void collect(Component component, Class<T> type, List<T> found) {
        if (type.isInstance(component)) {
            found.add(type.cast(component));
        }
        if (component instanceof Container container) {
            for (Component child : container.getComponents()) {
                collect(child, type, found);
            }
        }
    }
}
