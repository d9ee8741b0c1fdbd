package org.breakpilot.checkpoint.cli;

/** A failure the CLI reports as one line on stderr with exit code 1. */
final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message, null, false, false);
    }
}
