/**
 * Argument and result capture: turns application objects into bounded, redacted
 * {@link org.breakpilot.checkpoint.FrozenJson} values with placeholders for what cannot be captured
 * ({@link org.breakpilot.checkpoint.capture.ValueCapture}), and the field graphs from which a replay step's
 * result is rebuilt.
 *
 * <p>Depends on the core and Jackson; knows nothing of stores, the agent, JMX or the CLI.
 */
package org.breakpilot.checkpoint.capture;
