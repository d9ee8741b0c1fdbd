package org.breakpilot.checkpoint.agent.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.breakpilot.checkpoint.capture.ValueCapture;
import org.breakpilot.checkpoint.store.CheckpointStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hash a replay step's call is told apart by, kept in its metadata ({@code argsHash}): 16 hex
 * digits of
 * <ul>
 *   <li>SHA-256 of the captured arguments' JSON, when the capture shows everything (as it always was,
 *       so older journals keep replaying);</li>
 *   <li>SHA-256 of that and of the hidden arguments' hash graphs, when a capture hides content but no
 *       secret (a bean read through accessors without {@code get} prefix);</li>
 *   <li>HMAC-SHA256 of the same under the store's {@link CheckpointStore#argumentKey() argument key},
 *       when a secret is among them: a changed secret changes the hash, and without the key nothing on
 *       disk lets a low-entropy secret be guessed from it.</li>
 * </ul>
 * When the key cannot be had, a random one stands in for this process (logged once): secret-bearing
 * calls then run again instead of replaying. Thread-safe.
 */
final class ArgumentsHash {

    /** The logger, made on first use. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(ArgumentsHash.class);
    }

    private final CheckpointStore store;
    private volatile SecretKeySpec key;

    ArgumentsHash(CheckpointStore store) {
        this.store = store;
    }

    /** The hash of one call's arguments. */
    String of(ValueCapture.ReplayArguments arguments) {
        byte[] captured = json(arguments.captured());
        if (arguments.hidden().isEmpty()) {
            return hex(sha256(captured));
        }
        byte[] hidden = json(arguments.hidden());
        byte[] all = new byte[captured.length + 1 + hidden.length];
        System.arraycopy(captured, 0, all, 0, captured.length);
        all[captured.length] = '\n';
        System.arraycopy(hidden, 0, all, captured.length + 1, hidden.length);
        return hex(arguments.secret() ? hmac(all) : sha256(all));
    }

    private static byte[] json(Map<String, Object> values) {
        try {
            return StepReplayer.Json.MAPPER.writeValueAsString(values).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            // Captures and graphs are JSON values; never replay on doubt.
            throw new IllegalStateException("cannot hash arguments: " + e, e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA-256: " + e.getMessage(), e);
        }
    }

    private byte[] hmac(byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256: " + e.getMessage(), e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                current = key;
                if (current == null) {
                    current = new SecretKeySpec(storeKey(), "HmacSHA256");
                    key = current;
                }
            }
        }
        return current;
    }

    private byte[] storeKey() {
        try {
            return store.argumentKey();
        } catch (RuntimeException e) {
            Log.LOG.warn("Replay steps with secret arguments run again instead of replaying in this process: {}",
                    e.getMessage());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
