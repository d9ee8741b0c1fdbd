package org.breakpilot.checkpoint.console;

/** A remote call of the tab failed; the message is one line to show as it is. */
final class ConsoleFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConsoleFailure(String message) {
        super(message, null, false, false);
    }
}
