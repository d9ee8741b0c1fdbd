package org.breakpilot.checkpoint.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.json.SnapshotLimits;

/**
 * The agent's options, parsed once by {@link OptionParser} and immutable after.
 *
 * @param session      the default session, or null for {@code <hostname>-<pid>}
 * @param store        where checkpoints are kept: {@code memory}
 * @param annotations  fully qualified names of annotations that mark methods, besides ours
 * @param methods      methods selected by class and name, class name to method names ({@code *} for all)
 * @param retention    per-session retention
 * @param limits       limits of argument and result snapshots
 * @param redact       key fragments whose values are redacted
 * @param debug        whether to print what is instrumented
 * @param logFile      where the agent logs, or null for stderr
 * @param exportOnExit a directory to write each session's export to at exit, or null
 * @param jmxMaxSessions the most session MBeans registered at once
 * @param jmxReadOnly  whether JMX refuses every change
 */
public record AgentOptions(String session, String store, List<String> annotations,
                           Map<String, List<String>> methods, RetentionPolicy retention,
                           SnapshotLimits limits, List<String> redact, boolean debug,
                           Path logFile, Path exportOnExit, int jmxMaxSessions, boolean jmxReadOnly) {

    /** Copies the collections so the record stays immutable. */
    public AgentOptions {
        annotations = List.copyOf(annotations);
        methods = Map.copyOf(methods);
        redact = List.copyOf(redact);
    }

    /** Every option with the value in force, as JMX shows them. */
    public Map<String, String> effective() {
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        shown.put("session", session == null ? "<hostname>-<pid>" : session);
        shown.put("store", store);
        shown.put("annotations", String.join(";", annotations));
        shown.put("methods", methods.toString());
        shown.put("maxCheckpoints", String.valueOf(retention.maxCheckpoints()));
        shown.put("compressAfter", String.valueOf(retention.compressAfter()));
        shown.put("keepRecent", String.valueOf(retention.keepRecent()));
        shown.put("maxDepth", String.valueOf(limits.maxDepth()));
        shown.put("maxStringLength", String.valueOf(limits.maxStringLength()));
        shown.put("maxElements", String.valueOf(limits.maxElements()));
        shown.put("maxBytes", String.valueOf(limits.maxBytes()));
        shown.put("redact", String.join(";", redact));
        shown.put("debug", String.valueOf(debug));
        shown.put("logFile", logFile == null ? "" : logFile.toString());
        shown.put("exportOnExit", exportOnExit == null ? "" : exportOnExit.toString());
        shown.put("jmxMaxSessions", String.valueOf(jmxMaxSessions));
        shown.put("jmxReadOnly", String.valueOf(jmxReadOnly));
        return shown;
    }
}
