package org.breakpilot.checkpoint;

/**
 * Shows a value that came from outside (an option, an id in an import) inside a one-line error
 * message: line breaks and other control characters escaped, and cut when long, so that the message
 * stays one readable line whatever the value held, and a value cannot forge a line of its own.
 */
public final class QuotedText {

    /** Characters of a value shown before it is cut. */
    static final int MAX_SHOWN = 200;

    private QuotedText() {
    }

    /** {@code value} in single quotes, escaped and cut as {@link #escaped} does; {@code null} as null. */
    public static String of(String value) {
        return value == null ? "null" : "'" + escaped(value) + "'";
    }

    /**
     * {@code value} with {@code \n}, {@code \r}, {@code \t} written so, other control characters and the
     * Unicode line separators as {@code \}{@code uXXXX}, and anything past {@value #MAX_SHOWN} characters
     * replaced by a note of the full length.
     */
    public static String escaped(String value) {
        int shown = Math.min(value.length(), MAX_SHOWN);
        StringBuilder text = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c == '\n') {
                text.append("\\n");
            } else if (c == '\r') {
                text.append("\\r");
            } else if (c == '\t') {
                text.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                String hex = Integer.toHexString(c);
                text.append("\\u").append("0000", hex.length(), 4).append(hex);
            } else {
                text.append(c);
            }
        }
        if (shown < value.length()) {
            text.append("\u2026 (").append(value.length()).append(" characters)");
        }
        return text.toString();
    }
}
