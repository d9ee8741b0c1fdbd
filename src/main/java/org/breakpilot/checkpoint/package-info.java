/**
 * The checkpoint model and its manager: {@link org.breakpilot.checkpoint.Checkpoint},
 * {@link org.breakpilot.checkpoint.CheckpointManager}, retention, listeners, the deeply immutable values a
 * checkpoint holds ({@link org.breakpilot.checkpoint.FrozenJson}) and the JSON interchange format of
 * {@code exportJson}/{@code importJson}. A store plugs in through {@link org.breakpilot.checkpoint.ChangeLog}.
 *
 * <p>Depends on the JDK, Jackson and {@code internal} only: nothing here knows of the agent, JMX, files or
 * Byte Buddy.
 */
package org.breakpilot.checkpoint;
