package org.breakpilot.checkpoint.internal;

import java.util.Optional;

/**
 * The form of checkpoint ids, {@code <sessionId>:<n>}, n counting from 1 within the session: reading
 * the number back, and re-issuing an id in another session under the same number (a fork).
 */
public final class CheckpointIds {

    private CheckpointIds() {
    }

    /**
     * The session an id names: the text before its last colon (a session id may hold colons, n does
     * not); empty when there is no colon, or nothing before it.
     */
    public static Optional<String> sessionOf(String checkpointId) {
        int colon = separator(checkpointId);
        return colon <= 0 ? Optional.empty() : Optional.of(checkpointId.substring(0, colon));
    }

    /** The n of an id {@code <sessionId>:<n>} of session {@code sessionId}, or 0 for an id of another form. */
    public static long number(String sessionId, String checkpointId) {
        int colon = separator(checkpointId);
        if (colon != sessionId.length() || !checkpointId.startsWith(sessionId) || colon == checkpointId.length() - 1) {
            return 0;
        }
        String digits = checkpointId.substring(colon + 1);
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
     * The n of an id exactly as session {@code sessionId} issues it: {@code <sessionId>:<n>} with n as
     * {@link Long#toString} writes it, so that the id made back from n is the same string. 0 for any other
     * id, {@code s:07} among them.
     */
    public static long issuedNumber(String sessionId, String checkpointId) {
        long number = number(sessionId, checkpointId);
        return number > 0 && checkpointId.charAt(sessionId.length() + 1) != '0' ? number : 0;
    }

    /** Where the session ends and n begins: the last colon, as n holds none; -1 when there is none. */
    private static int separator(String checkpointId) {
        return checkpointId.lastIndexOf(':');
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
