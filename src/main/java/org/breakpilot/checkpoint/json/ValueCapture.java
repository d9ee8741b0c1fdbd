package org.breakpilot.checkpoint.json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.breakpilot.checkpoint.JsonSnapshot;

/**
 * Turns a method call's arguments and result (arbitrary application objects) into bounded, redacted,
 * JSON-compatible snapshots: {@code LinkedHashMap}s, {@code ArrayList}s, strings, booleans, numbers
 * and null.
 *
 * <p>It never throws: what cannot be captured becomes a short placeholder saying what and why
 * ({@code "[cycle: com.acme.Node]"}, {@code "[not captured: java.io.InputStream]"}, ...). It calls no
 * application code but the getters Jackson would call to serialize a bean (and {@code toString} of map
 * keys, as Jackson does); JDK values of types it does not know are recorded by their
 * {@code toString}. Its work is bounded by the {@link SnapshotLimits}: it stops walking a value at a
 * limit rather than pruning afterwards. Thread-safe.
 */
public final class ValueCapture {

    private final SnapshotLimits limits;
    private final Redaction redaction;
    private final BeanProperties beans = new BeanProperties();

    /** A capture with these limits and this redaction. */
    public ValueCapture(SnapshotLimits limits, Redaction redaction) {
        this.limits = Objects.requireNonNull(limits, "limits must not be null");
        this.redaction = Objects.requireNonNull(redaction, "redaction must not be null");
    }

    /** A snapshot of {@code value}, within the limits, with its own byte budget. */
    public Object capture(Object value) {
        return new CaptureWalk(limits, redaction, beans).capture(value);
    }

    /**
     * A snapshot of {@code value} for replay: {@code complete} says whether it holds everything, with
     * nothing cut at a limit, redacted or replaced by a placeholder.
     */
    public Captured captureComplete(Object value) {
        CaptureWalk walk = new CaptureWalk(limits, redaction, beans);
        Object captured = walk.capture(value);
        return new Captured(captured, !walk.lossy());
    }

    /** A snapshot and whether it is complete. */
    public record Captured(Object value, boolean complete) {
    }

    /**
     * The arguments of one call by parameter name, in parameter order, sharing one byte budget. A
     * parameter marked in {@code redacted}, or whose name is secret, is recorded as
     * {@value Redaction#REDACTED}.
     */
    public Map<String, Object> captureArguments(String[] names, Object[] values, boolean[] redacted) {
        LinkedHashMap<String, Object> arguments = new LinkedHashMap<>();
        if (names == null || values == null) {
            return JsonSnapshot.adoptMap(arguments);
        }
        CaptureWalk walk = new CaptureWalk(limits, redaction, beans);
        for (int i = 0; i < names.length && i < values.length; i++) {
            boolean secret = (redacted != null && i < redacted.length && redacted[i]) || redaction.isSecret(names[i]);
            arguments.put(names[i], secret ? Redaction.REDACTED : walk.capture(values[i]));
        }
        return JsonSnapshot.adoptMap(arguments);
    }
}
