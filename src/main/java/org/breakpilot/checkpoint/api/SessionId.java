package org.breakpilot.checkpoint.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter whose value ({@code String.valueOf}) names the session a {@link Checkpoint}
 * call is recorded in. A null argument falls back to the scope, then to the agent's default session.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface SessionId {
}
