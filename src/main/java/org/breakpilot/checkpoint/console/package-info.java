/**
 * The "Checkpoints" tab of JConsole (and of VisualVM through its JConsole plugin module): a
 * {@link com.sun.tools.jconsole.JConsolePlugin} that reads sessions and acts on them through the agent's
 * MBeans alone, so it works on remote connections and on JVMs the agent was attached to.
 *
 * <p>Only JConsole loads this package, through the service file in the agent jar; nothing else of ours
 * refers to it, so an application under the agent never loads Swing on its account.
 */
package org.breakpilot.checkpoint.console;
