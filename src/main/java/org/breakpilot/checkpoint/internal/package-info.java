/**
 * Helpers that our other packages share and that are not API: ids, ISO timestamps, error values on one
 * line, owner-only files, compact JSON text, the host's name. Public only so that our packages can call
 * them; no compatibility is promised.
 *
 * <p>Depends on the JDK and Jackson, and on nothing of ours.
 */
package org.breakpilot.checkpoint.internal;
