package org.breakpilot.checkpoint.testing;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The X display the JConsole tab's tests draw on: {@code DISPLAY} as the build sets it ({@code :99}, or
 * {@code -Dcheckpoint.display}), with Xvfb started there by {@code scripts/xvfb.sh} unless a server answers.
 */
public final class XDisplay {

    private XDisplay() {
    }

    /** The display, started if need be; call it before anything touches AWT, which reads DISPLAY once. */
    public static synchronized String require() throws IOException, InterruptedException {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            throw new IllegalStateException("DISPLAY is not set: run the tests through mvn verify (which sets"
                    + " DISPLAY=:99) or export DISPLAY=:99");
        }
        Process script = new ProcessBuilder("bash", System.getProperty("checkpoint.xvfb.script", "scripts/xvfb.sh"),
                "start", display).redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (script.waitFor() != 0) {
            throw new IllegalStateException("scripts/xvfb.sh start " + display + " failed: " + output);
        }
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("AWT is headless with DISPLAY=" + display + ": a test ran headless before"
                    + " this one, or java.awt.headless=true is set");
        }
        return display;
    }
}
