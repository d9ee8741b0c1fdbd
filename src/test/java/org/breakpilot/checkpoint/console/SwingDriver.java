package org.breakpilot.checkpoint.console;

import static org.awaitility.Awaitility.await;

import java.awt.Component;
import java.awt.image.BufferedImage;
import java.awt.Window;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import org.breakpilot.consoleprobe.SwingTree;

/** Drives Swing as a person would, from a test thread: reads on the event dispatch thread, clicks, dialogs. */
final class SwingDriver {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    private SwingDriver() {
    }

    /** {@code read}'s value, computed on the event dispatch thread. */
    static <T> T onEdt(Callable<T> read) throws Exception {
        return SwingTree.onEdt(read);
    }

    /** Runs {@code action} on the event dispatch thread and waits for it. */
    static void doOnEdt(Runnable action) throws Exception {
        SwingUtilities.invokeAndWait(action);
    }

    /** Clicks {@code button} without waiting: the click may open a modal dialog. */
    static void click(JButton button) {
        SwingUtilities.invokeLater(button::doClick);
    }

    /** Waits for a showing dialog titled {@code title}. */
    static JDialog dialog(String title) {
        AtomicReference<JDialog> found = new AtomicReference<>();
        await("a dialog titled '" + title + "'").atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            Optional<JDialog> dialog = onEdt(() -> {
                for (Window window : Window.getWindows()) {
                    if (window instanceof JDialog candidate && candidate.isShowing() && title.equals(candidate.getTitle())) {
                        return Optional.of(candidate);
                    }
                }
                return Optional.<JDialog>empty();
            });
            dialog.ifPresent(found::set);
            return dialog.isPresent();
        });
        return found.get();
    }

    /** Presses the option pane's OK button in {@code dialog}, in the look and feel's own words. */
    static void pressOk(JDialog dialog) throws Exception {
        press(dialog, UIManager.getString("OptionPane.okButtonText"));
    }

    /** Presses the option pane's Cancel button in {@code dialog}. */
    static void pressCancel(JDialog dialog) throws Exception {
        press(dialog, UIManager.getString("OptionPane.cancelButtonText"));
    }

    private static void press(JDialog dialog, String text) throws Exception {
        JButton button = onEdt(() -> all(dialog, JButton.class).stream().filter(candidate -> text.equals(candidate.getText()))
                .findFirst().orElseThrow(() -> new AssertionError("no button '" + text + "' in " + dialog.getTitle())));
        click(button);
    }

    /** The option pane's message in {@code dialog}. */
    static Object message(JDialog dialog) throws Exception {
        return onEdt(() -> all(dialog, JOptionPane.class).get(0).getMessage());
    }

    /** Every component of {@code type} under {@code root}, depth first. */
    static <T> List<T> all(Component root, Class<T> type) {
        return SwingTree.all(root, type);
    }

    /** How many pixels of {@code image} are exactly {@code rgb}: whether something was drawn in that colour. */
    static int pixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += image.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        return count;
    }
}
