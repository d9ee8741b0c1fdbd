package org.breakpilot.checkpoint.internal;

/**
 * The form of checkpoint ids, {@code <sessionId>:<n>}, n counting from 1 within the session: reading
 * the number back, and re-issuing an id in another session under the same number (a fork).
 */
public final class CheckpointIds {

    private CheckpointIds() {
    }

    /** The n of an id {@code <sessionId>:<n>} of session {@code sessionId}, or 0 for an id of another form. */
    public static long number(String sessionId, String checkpointId) {
        String prefix = sessionId + ":";
        if (!checkpointId.startsWith(prefix) || checkpointId.length() == prefix.length()) {
            return 0;
        }
        String digits = checkpointId.substring(prefix.length());
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return 0;
            }
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            // Beyond any count a session can reach by creating; it cannot collide.
            return 0;
        }
    }

    /**
     * {@code checkpointId} re-issued from session {@code from} in session {@code to} under the same number
     * ({@code from:7} becomes {@code to:7}); an id of another form is kept.
     */
    public static String reissued(String checkpointId, String from, String to) {
        long number = number(from, checkpointId);
        return number > 0 ? to + ":" + number : checkpointId;
    }
}
