package org.breakpilot.checkpoint.internal;

/**
 * How an error message shows a value it was given, which may be anything a JMX client, a file or a
 * command line sent: on one line and short, so that the message stays one readable line. Control and
 * invisible formatting characters (line breaks, NUL, right-to-left overrides, lone surrogates) are
 * shown as {@code \\uXXXX}; past the limit the rest is left out and the length said.
 */
public final class ErrorValues {

    /** The most characters of a value an error message shows. */
    public static final int MAX_SHOWN = 64;

    private ErrorValues() {
    }

    /**
     * {@code value} in single quotes, as an error message shows it ({@code 'abc'}, or
     * {@code 'abc...'... (1048576 chars)} when cut); {@code null} unquoted.
     */
    public static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        int end = cut(value, MAX_SHOWN);
        String shown = "'" + escaped(value, end) + "'";
        return end == value.length() ? shown : shown + "... (" + value.length() + " chars)";
    }

    /** {@code text} on one line, its first {@code max} characters at most, a cut marked with {@code ...}. */
    public static String oneLine(String text, int max) {
        int end = cut(text, max);
        return end == text.length() ? escaped(text, end) : escaped(text, end) + "...";
    }

    /** Where to cut {@code text} to at most {@code max} characters, never inside a surrogate pair. */
    private static int cut(String text, int max) {
        int end = Math.min(text.length(), max);
        return end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
    }

    private static String escaped(String text, int end) {
        StringBuilder shown = new StringBuilder(end + 8);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean invisible = Character.isISOControl(c) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE && !paired(text, i);
            shown.append(invisible ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return shown.toString();
    }

    private static boolean paired(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
