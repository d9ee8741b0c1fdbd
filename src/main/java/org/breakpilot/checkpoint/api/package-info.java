/**
 * What applications compile against: {@code @Checkpoint}, {@code @SessionId}, {@code @Redact} and the
 * {@link org.breakpilot.checkpoint.api.Checkpoints} facade, a harmless no-op when no agent is loaded.
 *
 * <p>Depends on the JDK alone; it reaches the agent only through the bootstrap dispatcher, by one
 * reflective table of JDK-typed method handles.
 */
package org.breakpilot.checkpoint.api;
