package org.breakpilot.checkpoint.agent.options;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.capture.CaptureLimits;
import org.breakpilot.checkpoint.store.JournalOptions;
import org.breakpilot.checkpoint.store.PostgresOptions;
import org.breakpilot.checkpoint.store.WriteOptions;

/**
 * The agent's options, parsed once by {@link OptionParser} and immutable after.
 *
 * @param session      the default session, or null for {@code <hostname>-<pid>}
 * @param journal      the journal's settings ({@code store=journal}), or null
 * @param postgres     the PostgreSQL store's settings ({@code store=postgres}), or null; with neither,
 *                     checkpoints are kept in memory only
 * @param replayStrict whether a replay step called with other arguments than recorded throws
 * @param marking      what marks methods besides {@code @Checkpoint}: annotations, selected methods, replay ones
 * @param retention    per-session retention
 * @param limits       limits of argument and result snapshots
 * @param readLimits   limits of the JSON it reads: imports over JMX, and (never below the defaults) its journal
 * @param redact       key fragments whose values are redacted: the defaults and those the option adds
 * @param debug        whether to print what is instrumented
 * @param logFile      where the agent logs, or null for stderr
 * @param exportOnExit a directory to write each session's export to at exit, or null
 * @param jmxMaxSessions the most session MBeans registered at once
 * @param jmxReadOnly  whether JMX refuses every change
 * @param sessionMdcKey the key of the application's SLF4J MDC whose value names a call's session when
 *                     nothing else does ({@code sessionFrom=mdc:<key>}), or null
 */
public record AgentOptions(String session, JournalOptions journal, PostgresOptions postgres, boolean replayStrict, MarkingOptions marking,
                           RetentionPolicy retention,
                           CaptureLimits limits, JsonReadLimits readLimits, List<String> redact, boolean debug,
                           Path logFile, Path exportOnExit, int jmxMaxSessions, boolean jmxReadOnly,
                           String sessionMdcKey) {

    /** Copies the collections so the record stays immutable. */
    public AgentOptions {
        redact = List.copyOf(redact);
    }

    /** Every option with the value in force, as JMX shows them. */
    public Map<String, String> effective() {
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        shown.put("session", session == null ? "<hostname>-<pid>" : session);
        shown.put("sessionFrom", sessionMdcKey == null ? "" : OptionParser.MDC_SOURCE + sessionMdcKey);
        shown.put("store", journal != null ? "journal" : postgres != null ? "postgres" : "memory");
        if (journal != null) {
            shown.put("dir", journal.directory().toString());
            shown.put("segmentBytes", String.valueOf(journal.segmentBytes()));
            showWriting(shown, journal.writing());
        }
        if (postgres != null) {
            shown.put("jdbcUrl", postgres.jdbcUrl());
            shown.put("jdbcUser", postgres.user());
            shown.put("jdbcPassword", postgres.password().describe());
            shown.put("jdbcSchema", postgres.schema());
            shown.put("leaseTtlMs", String.valueOf(postgres.leaseTtlMs()));
            shown.put("sessionIdleMs", String.valueOf(postgres.sessionIdleMs()));
            showWriting(shown, postgres.writing());
        }
        shown.put("replayStrict", String.valueOf(replayStrict));
        shown.putAll(marking.effective());
        shown.put("maxCheckpoints", String.valueOf(retention.maxCheckpoints()));
        shown.put("compressAfter", String.valueOf(retention.compressAfter()));
        shown.put("keepRecent", String.valueOf(retention.keepRecent()));
        shown.put("maxDepth", String.valueOf(limits.maxDepth()));
        shown.put("maxStringLength", String.valueOf(limits.maxStringLength()));
        shown.put("maxElements", String.valueOf(limits.maxElements()));
        shown.put("maxBytes", String.valueOf(limits.maxBytes()));
        shown.put("jsonMaxDepth", String.valueOf(readLimits.maxDepth()));
        shown.put("jsonMaxStringLength", String.valueOf(readLimits.maxStringLength()));
        shown.put("jsonMaxDocumentLength", String.valueOf(readLimits.maxDocumentLength()));
        shown.put("redact", String.join(";", redact));
        shown.put("debug", String.valueOf(debug));
        shown.put("logFile", logFile == null ? "" : logFile.toString());
        shown.put("exportOnExit", exportOnExit == null ? "" : exportOnExit.toString());
        shown.put("jmxMaxSessions", String.valueOf(jmxMaxSessions));
        shown.put("jmxReadOnly", String.valueOf(jmxReadOnly));
        return shown;
    }

    private static void showWriting(Map<String, String> shown, WriteOptions writing) {
        shown.put("fsync", WriteOptions.optionText(writing.fsync()));
        shown.put("fsyncIntervalMs", String.valueOf(writing.fsyncIntervalMs()));
        shown.put("onFull", WriteOptions.optionText(writing.onFull()));
        shown.put("queueSize", String.valueOf(writing.queueSize()));
        shown.put("writeTimeoutMs", String.valueOf(writing.writeTimeoutMs()));
        shown.put("maxReplaySteps", String.valueOf(writing.maxReplaySteps()));
        shown.put("encryption", writing.encoding().describe());
    }
}
