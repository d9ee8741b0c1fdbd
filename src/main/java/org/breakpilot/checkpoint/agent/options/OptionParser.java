package org.breakpilot.checkpoint.agent.options;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.internal.ErrorValues;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.capture.Redaction;
import org.breakpilot.checkpoint.capture.CaptureLimits;
import org.breakpilot.checkpoint.store.JournalEncoding;
import org.breakpilot.checkpoint.store.DatabasePassword;
import org.breakpilot.checkpoint.store.JournalOptions;
import org.breakpilot.checkpoint.store.PostgresOptions;
import org.breakpilot.checkpoint.store.WriteOptions;

/**
 * Parses the agent's options strictly: {@code key=value} pairs separated by commas (the
 * {@code -javaagent:checkpoint-agent.jar=...} string), over the same keys given as system properties
 * {@code breakpilot.checkpoint.<key>}; the agent string wins. An unknown key or a malformed value is
 * an {@link IllegalArgumentException} whose one-line message names the key and what is accepted.
 */
public final class OptionParser {

    /** The prefix of the system properties that set options. */
    public static final String PROPERTY_PREFIX = "breakpilot.checkpoint.";

    public static final List<String> KEYS = List.of("session", "store", "dir", "fsync", "fsyncIntervalMs", "onFull",
            "queueSize", "writeTimeoutMs", "segmentBytes", "replayStrict", "maxReplaySteps", "annotations", "methods",
            "replayAnnotations", "replayMethods",
            "maxCheckpoints", "compressAfter", "keepRecent", "maxDepth", "maxStringLength", "maxElements", "maxBytes",
            "jsonMaxDepth", "jsonMaxStringLength", "jsonMaxDocumentLength", "redact", "debug", "logFile", "exportOnExit",
            "jmxMaxSessions", "jmxReadOnly", "encryptionKeyFile", "encryptionKeyEnv", "sessionFrom", "jdbcUrl", "jdbcUser",
            "jdbcPasswordEnv", "jdbcPasswordFile", "jdbcSchema", "leaseTtlMs", "sessionIdleMs");

    /** The options only the PostgreSQL store takes. */
    private static final List<String> POSTGRES_KEYS = List.of("jdbcUrl", "jdbcUser", "jdbcPasswordEnv",
            "jdbcPasswordFile", "jdbcSchema", "leaseTtlMs", "sessionIdleMs");

    /** The one form {@code sessionFrom} accepts today: this prefix and an MDC key. */
    static final String MDC_SOURCE = "mdc:";

    /** Where the journal lives unless {@code dir} says otherwise: beside the application's working directory. */
    static final String DEFAULT_DIRECTORY = ".checkpoints";

    private OptionParser() {
    }

    /**
     * Parses {@code agentArguments} (may be null or empty) over the system properties.
     *
     * @throws IllegalArgumentException naming the option and what it accepts
     */
    public static AgentOptions parse(String agentArguments, Properties systemProperties) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX)) {
                raw.put(requireKnown(name.substring(PROPERTY_PREFIX.length()),
                        "system property " + ErrorValues.oneLine(name, ErrorValues.MAX_SHOWN)), systemProperties.getProperty(name));
            }
        }
        for (String pair : splitTopLevel(agentArguments == null ? "" : agentArguments)) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("option " + ErrorValues.quoted(pair.strip()) + " is not key=value (accepted keys: "
                        + String.join(", ", KEYS) + ")");
            }
            raw.put(requireKnown(pair.substring(0, equals).strip(), "option"), pair.substring(equals + 1).strip());
        }
        return build(raw);
    }

    private static AgentOptions build(Map<String, String> raw) {
        RetentionPolicy defaults = RetentionPolicy.DEFAULT;
        CaptureLimits limits = CaptureLimits.DEFAULT;
        String store = oneOf(raw, "store", "journal", List.of("journal", "memory", "postgres"));
        RetentionPolicy retention;
        CaptureLimits snapshotLimits;
        try {
            retention = new RetentionPolicy(integer(raw, "maxCheckpoints", defaults.maxCheckpoints()),
                    integer(raw, "compressAfter", defaults.compressAfter()),
                    integer(raw, "keepRecent", defaults.keepRecent()));
            snapshotLimits = new CaptureLimits(integer(raw, "maxDepth", limits.maxDepth()),
                    integer(raw, "maxStringLength", limits.maxStringLength()),
                    integer(raw, "maxElements", limits.maxElements()),
                    integer(raw, "maxBytes", limits.maxBytes()));
        } catch (IllegalArgumentException e) {
            throw namingTheOption(e);
        }
        String session = raw.get("session");
        if (session != null && session.isEmpty()) {
            throw new IllegalArgumentException("option session must not be empty");
        }
        int jmxMaxSessions = integer(raw, "jmxMaxSessions", 1000);
        if (jmxMaxSessions < 1) {
            throw new IllegalArgumentException("option jmxMaxSessions must be >= 1, got " + jmxMaxSessions);
        }
        JsonReadLimits readLimits = readLimits(raw);
        if (store.equals("memory") && (raw.containsKey("encryptionKeyFile") || raw.containsKey("encryptionKeyEnv"))) {
            throw new IllegalArgumentException("option encryptionKeyFile or encryptionKeyEnv encrypts what is stored;"
                    + " it needs store=journal or store=postgres, got store=memory");
        }
        for (String key : POSTGRES_KEYS) {
            if (raw.containsKey(key) && !store.equals("postgres")) {
                throw new IllegalArgumentException("option " + key + " needs store=postgres"
                        + (key.equals("sessionIdleMs") ? " (the journal and memory stores keep every session in memory)" : "")
                        + ", got store=" + store);
            }
        }
        WriteOptions writing = store.equals("memory") ? null : writing(raw, retention, readLimits);
        JournalOptions journal = store.equals("journal") ? journal(raw, writing) : null;
        PostgresOptions postgres = store.equals("postgres") ? postgres(raw, writing) : null;
        return new AgentOptions(session, journal, postgres, bool(raw, "replayStrict"), MarkingOptionParser.parse(raw),
                retention, snapshotLimits, readLimits, redact(raw.get("redact")), bool(raw, "debug"),
                path(raw, "logFile"), path(raw, "exportOnExit"), jmxMaxSessions, bool(raw, "jmxReadOnly"),
                sessionMdcKey(raw.get("sessionFrom")));
    }

    /** Depth at most what a checkpoint may hold: deeper JSON would be refused by the checkpoint anyway. */
    private static JsonReadLimits readLimits(Map<String, String> raw) {
        JsonReadLimits defaults = JsonReadLimits.DEFAULT;
        return new JsonReadLimits(within(raw, "jsonMaxDepth", defaults.maxDepth(), defaults.maxDepth()),
                within(raw, "jsonMaxStringLength", defaults.maxStringLength(), Integer.MAX_VALUE),
                within(raw, "jsonMaxDocumentLength", (int) defaults.maxDocumentLength(), Integer.MAX_VALUE));
    }

    /** What both stores share: when changes are durable, the writer's queue, retention, read limits, encryption. */
    private static WriteOptions writing(Map<String, String> raw, RetentionPolicy retention, JsonReadLimits readLimits) {
        WriteOptions defaults = WriteOptions.DEFAULT;
        String fsync = oneOf(raw, "fsync", WriteOptions.optionText(defaults.fsync()), List.of("always", "batch", "none"));
        String onFull = oneOf(raw, "onFull", WriteOptions.optionText(defaults.onFull()), List.of("drop", "block"));
        try {
            return new WriteOptions(WriteOptions.Fsync.valueOf(fsync.toUpperCase(Locale.ROOT)),
                    integer(raw, "fsyncIntervalMs", defaults.fsyncIntervalMs()),
                    WriteOptions.OnFull.valueOf(onFull.toUpperCase(Locale.ROOT)),
                    integer(raw, "queueSize", defaults.queueSize()),
                    integer(raw, "writeTimeoutMs", defaults.writeTimeoutMs()), retention,
                    integer(raw, "maxReplaySteps", defaults.maxReplaySteps()), readLimits, encoding(raw));
        } catch (IllegalArgumentException e) {
            throw namingTheOption(e);
        }
    }

    private static JournalOptions journal(Map<String, String> raw, WriteOptions writing) {
        JournalOptions defaults = JournalOptions.builder(Path.of(DEFAULT_DIRECTORY)).build();
        try {
            return JournalOptions.builder(raw.containsKey("dir") ? path(raw, "dir") : defaults.directory())
                    .writing(writing)
                    .segmentBytes(integer(raw, "segmentBytes", (int) defaults.segmentBytes()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw namingTheOption(e);
        }
    }

    /** The database and how to log in: the password only from an environment variable or a file. */
    private static PostgresOptions postgres(Map<String, String> raw, WriteOptions writing) {
        try {
            return new PostgresOptions(raw.get("jdbcUrl"), raw.get("jdbcUser"),
                    new DatabasePassword(raw.get("jdbcPasswordEnv"), path(raw, "jdbcPasswordFile")),
                    raw.getOrDefault("jdbcSchema", PostgresOptions.DEFAULT_SCHEMA),
                    integer(raw, "leaseTtlMs", PostgresOptions.DEFAULT_LEASE_TTL_MS),
                    integer(raw, "sessionIdleMs", PostgresOptions.DEFAULT_SESSION_IDLE_MS), writing);
        } catch (IllegalArgumentException e) {
            throw namingTheOption(e);
        }
    }

    /** AES-GCM with the key from a file or an environment variable (never the option string itself), or plain. */
    private static JournalEncoding encoding(Map<String, String> raw) {
        String file = raw.get("encryptionKeyFile");
        String variable = raw.get("encryptionKeyEnv");
        if (file != null && variable != null) {
            throw new IllegalArgumentException("option encryptionKeyEnv cannot be given with encryptionKeyFile; give one"
                    + " of them");
        }
        return JournalEncoding.fromKey(path(raw, "encryptionKeyFile"), "option encryptionKeyFile", variable,
                "option encryptionKeyEnv");
    }

    /** Settings validated by their own records say "x must be ..."; ours say "option x must be ...". */
    private static IllegalArgumentException namingTheOption(IllegalArgumentException e) {
        String message = e.getMessage();
        return message.startsWith("option ") ? e : new IllegalArgumentException("option " + message, e);
    }

    private static String oneOf(Map<String, String> raw, String key, String fallback, List<String> accepted) {
        String value = raw.getOrDefault(key, fallback);
        if (!accepted.contains(value)) {
            throw new IllegalArgumentException("option " + key + " must be one of " + accepted + ", got " + ErrorValues.quoted(value));
        }
        return value;
    }

    private static String requireKnown(String key, String what) {
        if (key.equals("jdbcPassword")) {
            throw new IllegalArgumentException("option jdbcPassword" + (what.equals("option") ? "" : " (" + what + ")")
                    + " is not accepted: a password is never given in the options; use jdbcPasswordEnv=VAR or"
                    + " jdbcPasswordFile=F");
        }
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown " + what + " " + ErrorValues.quoted(key) + " (accepted keys: "
                    + String.join(", ", KEYS) + ")");
        }
        return key;
    }

    /** Splits on commas that are not inside {@code [...]}, so that {@code methods=C[a,b]} stays whole. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int integer(Map<String, String> raw, String key, int fallback) {
        String value = raw.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be a whole number, got " + ErrorValues.quoted(value));
        }
    }

    private static int within(Map<String, String> raw, String key, int fallback, int most) {
        int value = integer(raw, key, fallback);
        if (value < 1 || value > most) {
            throw new IllegalArgumentException("option " + key + " must be between 1 and " + most + ", got " + value);
        }
        return value;
    }

    private static boolean bool(Map<String, String> raw, String key) {
        String value = raw.getOrDefault(key, "false").toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("option " + key + " must be true or false, got " + ErrorValues.quoted(raw.get(key)));
        }
        return value.equals("true");
    }

    private static Path path(Map<String, String> raw, String key) {
        String value = raw.get(key);
        if (value == null) {
            return null;
        }
        try {
            if (value.isEmpty()) {
                throw new InvalidPathException(value, "empty");
            }
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("option " + key + " must be a file system path, got " + ErrorValues.quoted(value));
        }
    }

    /** {@code mdc:<key>}: the key, or null when the option is not given. */
    private static String sessionMdcKey(String value) {
        if (value == null) {
            return null;
        }
        String key = value.startsWith(MDC_SOURCE) ? value.substring(MDC_SOURCE.length()).strip() : "";
        if (key.isEmpty()) {
            throw new IllegalArgumentException("option sessionFrom must be mdc:<key> naming a key of the application's"
                    + " SLF4J MDC, got " + ErrorValues.quoted(value));
        }
        return key;
    }

    /**
     * The defaults and the fragments the option adds: naming one's own secret keys must never silently
     * stop the passwords and tokens of the default list from being redacted.
     */
    private static List<String> redact(String value) {
        if (value == null) {
            return Redaction.DEFAULT_FRAGMENTS;
        }
        List<String> fragments = new ArrayList<>(Redaction.DEFAULT_FRAGMENTS);
        fragments.addAll(nonEmptyParts(value, ";"));
        return fragments;
    }

    /** Loops rather than streams: this runs in premain, where each first lambda costs start-up time. */
    static List<String> nonEmptyParts(String value, String separator) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(separator)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }
}
