/**
 * What gets instrumented and how: the candidate gate, the marking annotations read from class files, the
 * per-method facts bound as constants, and the Byte Buddy advice for marked methods and for tasks handed to
 * executors.
 *
 * <p>The advice reaches the recorder only through the bootstrap dispatcher; this package never depends on
 * {@code recording}.
 */
package org.breakpilot.checkpoint.agent.weaving;
