/**
 * Where checkpoints live: {@link org.breakpilot.checkpoint.store.CheckpointStore} and its implementations,
 * the memory store and the embedded journal (segments, compaction, encryption, replay results).
 *
 * <p>Depends on the core and {@code internal}; never on capture, the agent, JMX or the CLI.
 */
package org.breakpilot.checkpoint.store;
