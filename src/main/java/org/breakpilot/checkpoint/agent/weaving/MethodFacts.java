package org.breakpilot.checkpoint.agent.weaving;

import java.util.Map;

/**
 * What the agent knows of one instrumented method, computed once when the method is instrumented so
 * that a call needs no reflection, no name look-up and no string building.
 *
 * @param className         the declaring class's binary name
 * @param methodName        the method's name
 * @param checkpointName    the name its checkpoints get
 * @param parameterNames    names of its parameters ({@code arg0}... without {@code -parameters})
 * @param redacted          per parameter, whether {@code @Redact} or the redaction list hides it
 * @param sessionParameter  the index of the {@code @SessionId} parameter, or -1
 * @param captureArguments  whether arguments are recorded
 * @param captureResult     whether the result is recorded (never for {@code void})
 * @param atEntry           whether a checkpoint is taken before the body runs
 * @param atExit            whether a checkpoint is taken after it returns or throws
 * @param metadata          the annotation's {@code key=value} metadata
 * @param replay            whether a resumed session replays the recorded result instead of running it
 * @param descriptor        the method's JVM descriptor, to find it reflectively when a result is replayed
 */
public record MethodFacts(String className, String methodName, String checkpointName, String[] parameterNames,
                   boolean[] redacted, int sessionParameter, boolean captureArguments, boolean captureResult,
                   boolean atEntry, boolean atExit, Map<String, String> metadata, boolean replay,
                   String descriptor) {
}
