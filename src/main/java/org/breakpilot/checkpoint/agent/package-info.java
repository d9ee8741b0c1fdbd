/**
 * Start-up of the agent: {@code premain}/{@code agentmain}, the one runtime object that holds what a loaded
 * agent owns, detach, the opening of the store, the injection of the bootstrap classes, and the agent's own
 * MXBean.
 *
 * <p>The top of the agent: it may use every package of ours but the CLI, and none of its subpackages
 * depends on it.
 */
package org.breakpilot.checkpoint.agent;
