/**
 * {@code java -jar checkpoint-agent.jar <command>}: list, attach, detach, summary, export, rollback, rewind,
 * fork, tail and the offline {@code journal} commands.
 *
 * <p>It reaches a live JVM only through JMX, by the MXBean interfaces of {@code jmx}; of the agent it names
 * only its entry point and published state. The {@code journal} commands read a journal directory through
 * {@code store}.
 */
package org.breakpilot.checkpoint.cli;
