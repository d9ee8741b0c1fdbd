package org.breakpilot.checkpoint;

/**
 * Marks a {@code Map<String, ?>} or {@code List} that is already what a {@link Checkpoint} holds: deeply
 * immutable (no method changes it, and everything it reaches is immutable too), with string keys and
 * JSON-compatible values only ({@code null}, strings, booleans, numbers, and other such maps and
 * lists). The manager takes it as it is instead of copying it.
 *
 * <p>For producers of checkpoint data on hot paths, such as the agent's argument capture, which build
 * such values once and then never touch them. A map or list that breaks the promise breaks the
 * checkpoint's immutability: anything else is copied, as usual.
 */
public interface JsonSnapshot {
}
