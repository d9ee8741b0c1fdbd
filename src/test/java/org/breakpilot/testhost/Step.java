package org.breakpilot.testhost;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An application's own marking annotation, recorded through the agent's {@code annotations=} option. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Step {
    /** The step's name, used as the checkpoint name. */
    String value() default "";
}
