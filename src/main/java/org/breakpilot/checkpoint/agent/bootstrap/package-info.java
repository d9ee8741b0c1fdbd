/**
 * The classes injected into the bootstrap class loader, which the advice in every application class and the
 * {@code api} facade can see: the dispatcher, the sink it dispatches to, and task scopes.
 *
 * <p>JDK types only: the bootstrap loader can see nothing else.
 */
package org.breakpilot.checkpoint.agent.bootstrap;
