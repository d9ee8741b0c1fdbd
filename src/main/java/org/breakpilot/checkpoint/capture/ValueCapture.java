package org.breakpilot.checkpoint.capture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.breakpilot.checkpoint.FrozenJson;

/**
 * Turns a method call's arguments and result (arbitrary application objects) into bounded, redacted,
 * JSON-compatible snapshots: {@link FrozenJson} maps and lists, strings, booleans, numbers
 * and null.
 *
 * <p>It never throws: what cannot be captured becomes a short placeholder saying what and why
 * ({@code "[cycle: com.acme.Node]"}, {@code "[not captured: java.io.InputStream]"}, ...). It calls no
 * application code but the getters Jackson would call to serialize a bean (and {@code toString} of map
 * keys, as Jackson does); JDK values of types it does not know are recorded by their
 * {@code toString}. Its work is bounded by the {@link CaptureLimits}: it stops walking a value at a
 * limit rather than pruning afterwards. Thread-safe.
 */
public final class ValueCapture {

    private final CaptureLimits limits;
    private final Redaction redaction;
    private final BeanProperties beans = new BeanProperties();

    /** A capture with these limits and this redaction. */
    public ValueCapture(CaptureLimits limits, Redaction redaction) {
        this.limits = Objects.requireNonNull(limits, "limits must not be null");
        this.redaction = Objects.requireNonNull(redaction, "redaction must not be null");
    }

    /** A snapshot of {@code value}, within the limits, with its own byte budget. */
    public Object capture(Object value) {
        // A result is most often such a value: no walk for it.
        if (CaptureWalk.capturedAsIs(value, limits)) {
            return value;
        }
        return new CaptureWalk(limits, redaction, beans).capture(value);
    }

    /**
     * A snapshot of {@code value} for replay: {@code complete} says whether it holds everything, with
     * nothing cut at a limit, redacted or replaced by a placeholder.
     */
    public Captured captureComplete(Object value) {
        CaptureWalk walk = new CaptureWalk(limits, redaction, beans);
        Object captured = walk.capture(value);
        return new Captured(captured, !walk.lossy(), !walk.unbuildable());
    }

    /**
     * A snapshot and what replay can make of it.
     *
     * @param complete      whether it holds everything, with nothing cut, redacted or replaced
     * @param jacksonBuilds whether every object in it is of a class Jackson builds back from its
     *                      capture; else only a {@link FieldGraph} rebuilds the value
     */
    public record Captured(Object value, boolean complete, boolean jacksonBuilds) {
    }

    /**
     * The arguments of a replay step's call as {@link #captureArguments} records them, and what its
     * replay check needs beyond them.
     *
     * @param captured the arguments as recorded
     * @param hidden   by parameter name, the {@link FieldGraph.Purpose#HASH hash graph} of each argument
     *                 whose capture hides content that tells calls apart (a redacted secret, a bean whose
     *                 properties do not show all its fields, what a limit cut off); empty when nothing is
     *                 hidden. Never to be recorded: it holds secrets as they are
     * @param secret   whether {@code hidden} holds a secret, so that only a keyed hash of it may be kept
     */
    public record ReplayArguments(Map<String, Object> captured, Map<String, Object> hidden, boolean secret) {
    }

    /** The arguments of a replay step's call, as {@link ReplayArguments} describes. */
    public ReplayArguments captureReplayArguments(String[] names, Object[] values, boolean[] redacted) {
        FrozenJson.MapBuilder arguments = FrozenJson.mapBuilder(names == null ? 0 : names.length);
        Map<String, Object> hidden = new LinkedHashMap<>();
        boolean secret = false;
        CaptureWalk walk = new CaptureWalk(limits, redaction, beans);
        for (int i = 0; names != null && values != null && i < names.length && i < values.length; i++) {
            boolean secretArgument = isSecretArgument(names[i], i, redacted);
            arguments.put(names[i], secretArgument ? Redaction.REDACTED : walk.capture(values[i]));
            CaptureWalk.Hidden hides = secretArgument ? CaptureWalk.Hidden.SECRET : walk.takeHidden();
            if (hides != CaptureWalk.Hidden.NOTHING) {
                // With the replay limits: a hash must see what the recorded capture cut off.
                FieldGraph.Captured graph = FieldGraph.capture(values[i], Object.class, CaptureLimits.REPLAY,
                        redaction, FieldGraph.Purpose.HASH);
                hidden.put(names[i], graph.graph());
                secret |= hides == CaptureWalk.Hidden.SECRET || graph.sawSecret();
            }
        }
        return new ReplayArguments(arguments.build(), hidden, secret);
    }

    /**
     * The arguments of one call by parameter name, in parameter order, sharing one byte budget. A
     * parameter marked in {@code redacted}, or whose name is secret, is recorded as
     * {@value Redaction#REDACTED}.
     */
    public Map<String, Object> captureArguments(String[] names, Object[] values, boolean[] redacted) {
        if (names == null || values == null) {
            return FrozenJson.mapBuilder().build();
        }
        FrozenJson.MapBuilder arguments = FrozenJson.mapBuilder(names.length);
        CaptureWalk walk = new CaptureWalk(limits, redaction, beans);
        for (int i = 0; i < names.length && i < values.length; i++) {
            arguments.put(names[i], isSecretArgument(names[i], i, redacted) ? Redaction.REDACTED
                    : walk.capture(values[i]));
        }
        return arguments.build();
    }

    private boolean isSecretArgument(String name, int index, boolean[] redacted) {
        return (redacted != null && index < redacted.length && redacted[index]) || redaction.isSecret(name);
    }
}
