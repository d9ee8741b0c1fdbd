/**
 * The agent's option string, parsed once into the immutable
 * {@link org.breakpilot.checkpoint.agent.options.AgentOptions}, with a one-line error naming any bad option
 * and what it accepts.
 *
 * <p>Depends on the core, capture, store (for the journal's settings) and {@code internal}.
 */
package org.breakpilot.checkpoint.agent.options;
