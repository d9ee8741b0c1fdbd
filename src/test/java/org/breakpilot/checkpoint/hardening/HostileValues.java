package org.breakpilot.checkpoint.hardening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.breakpilot.checkpoint.JsonReadLimits;

/** Inputs an operator, a script or an attacker might hand a JMX operation or a CLI command. */
final class HostileValues {

    /** One MiB of text. */
    static final String ONE_MIB = "x".repeat(1 << 20);

    /** Strings that are no valid checkpoint id, timestamp, import or new session name. */
    static final List<String> STRINGS = List.of("", "   ", ONE_MIB, "cp_", "cp_-1", "cp_99999999999999999999",
            "../../etc/passwd", "\u0000", "\"},{", "\u202Egnp.exe", "\uD83D\uDE00", "a\nb\r\nc", "\uD800",
            "jmx-demo:0", "jmx-demo:-1", "jmx-demo:99999999999999999999", "jmx-demo:999", " jmx-demo:1",
            "jmx-demo:1 ", "JMX-DEMO:1", "jmx-demo:01", "jmx-demo:1\u0000", "%s%n${jndi:ldap://x}");

    private HostileValues() {
    }

    /** {@link #STRINGS} and null. */
    static List<String> stringsAndNull() {
        List<String> all = new ArrayList<>(STRINGS);
        all.add(null);
        return all;
    }

    /**
     * Documents an import must refuse, each with what its error must mention. Sizes: nesting 100 000
     * deep (200 000 chars, far past the 500 allowed); one string just past {@link
     * JsonReadLimits.DEFAULT.maxStringLength()} (16 Mi chars: about 17 MB through RMI, within what a host's
     * default heap parses); a number one digit past {@link JsonReadLimits#MAX_NUMBER_LENGTH}. The
     * 256 MiB document limit is not sent: RMI would have to carry and the host hold 256 MB first.
     */
    static List<String[]> badImports() {
        String valid = record("jmx-demo:50", "ok", "{}");
        return List.of(
                new String[] {"[".repeat(100_000), "nesting"},
                new String[] {"[".repeat(100_000) + "]".repeat(100_000), "nesting"},
                new String[] {"{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000), "nesting"},
                new String[] {"[" + record("jmx-demo:51", "x".repeat(JsonReadLimits.DEFAULT.maxStringLength() + 1), "{}") + "]",
                        "string"},
                new String[] {"[" + record("jmx-demo:52", "n", "{\"n\": " + "9".repeat(JsonReadLimits.MAX_NUMBER_LENGTH + 1)
                        + "}") + "]", "number"},
                new String[] {"[" + valid.replace("\"name\": \"ok\"", "\"name\": \"ok\", \"name\": \"twice\"") + "]",
                        "duplicate"},
                new String[] {"[" + valid + "] []", "malformed"},
                new String[] {"[" + valid + ", " + record("jmx-demo:1", "already", "{}") + "]", "already retained"},
                new String[] {"[" + valid + ", " + valid + "]", "twice"},
                new String[] {"[" + valid + ", {\"id\": \"jmx-demo:53\"}]", "missing key"},
                new String[] {"[" + record("jmx-demo:54", "t", "[]") + "]", "'data' must be an object"},
                new String[] {"[" + valid.replace("2026-01-01T00:00:00Z", "yesterday") + "]", "timestamp"},
                new String[] {"[" + valid.replace("\"id\": \"jmx-demo:50\"", "\"id\": 50") + "]", "'id' must be a string"},
                new String[] {"{\"id\": \"jmx-demo:55\"}", "array"},
                new String[] {"[1, 2, 3]", "object"},
                new String[] {"null", "array"},
                new String[] {"[" + valid + ",]", "malformed"},
                new String[] {"\uFEFF[" + valid + "]", "malformed"},
                new String[] {"[" + valid.replace("{}", "{\"a\": undefined}") + "]", "malformed"},
                new String[] {"[" + valid + "]" + "\u0000", "malformed"},
                new String[] {Arrays.toString(new int[10]).replace("0", "{}"), "missing key"});
    }

    private static String record(String id, String name, String data) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"data\": "
                + data + ", \"metadata\": {}}";
    }
}
