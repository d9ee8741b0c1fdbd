/**
 * The MXBeans, in open types only, so any JMX client reads them with none of our classes: one per session,
 * the agent's own, the {@code created} notifications and their registration.
 *
 * <p>Depends on the core and {@code internal}; never on the agent or the CLI (the agent registers the
 * beans, not the other way round).
 */
package org.breakpilot.checkpoint.jmx;
