/**
 * What a call records: the recorder behind the dispatcher, sessions and their scopes, replay of recorded
 * steps, the application's own MDC and trace ids, and the export at exit.
 *
 * <p>Depends on weaving's method facts, capture, the store and the core; never on the agent's start-up.
 */
package org.breakpilot.checkpoint.agent.recording;
