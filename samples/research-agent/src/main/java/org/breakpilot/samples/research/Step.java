package org.breakpilot.samples.research;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This application's own step annotation. It depends on nothing of checkpoint-agent's: the agent
 * records it because it is started with {@code annotations=org.breakpilot.samples.research.Step[value]}, which
 * also makes {@link #value()} the checkpoint's name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Step {
    /** The step's name. */
    String value();
}
