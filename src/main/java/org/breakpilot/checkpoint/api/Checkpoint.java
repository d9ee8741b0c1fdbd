package org.breakpilot.checkpoint.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose every call the checkpoint agent records as a checkpoint; on a type, marks
 * every public method the type declares.
 *
 * <p>The agent matches this annotation by name, so a copy of it in another jar works too. Without
 * the agent it does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Checkpoint {

    /** The checkpoint name; empty means {@code SimpleClassName.method}. */
    String value() default "";

    /** Whether the arguments are recorded, by parameter name. */
    boolean args() default true;

    /** Whether the return value is recorded. */
    boolean result() default true;

    /** When the checkpoint is taken. */
    When when() default When.EXIT;

    /**
     * Whether a resumed session skips this step: the k-th call of the step in a session returns the
     * result recorded for the k-th call when the session last ran, without running the body, as long
     * as the call completed, its arguments are the same, and its result reads back into the return
     * type. Needs the journal store and a session name that is the same on every run.
     */
    boolean replay() default false;

    /** Extra metadata, as {@code "key=value"} pairs. */
    String[] metadata() default {};

    /** When in a call the checkpoint is taken. */
    enum When {
        /** After the method returns or throws: one checkpoint with arguments, result or error. */
        EXIT,
        /** Before the body runs: one checkpoint with the arguments. */
        ENTRY,
        /** Both: one checkpoint before and one after. */
        BOTH
    }
}
