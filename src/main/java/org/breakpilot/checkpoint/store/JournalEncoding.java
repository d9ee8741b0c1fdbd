package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.breakpilot.checkpoint.internal.ErrorValues;

/**
 * How a journal's records are written in its files: as plain JSON ({@link #plain()}), or sealed with
 * AES-GCM ({@link #aesGcm}). Each file's header says which, so a journal is never read with the wrong
 * one: an encrypted file opened without its key, or a plaintext file opened with a key, is an error
 * naming the file, never records read as something they are not.
 */
public abstract sealed class JournalEncoding permits JournalEncoding.Plain, AesGcmEncoding {

    /** What every journal file header starts with; the 8th byte says plain ({@code 1}) or encrypted ({@code E}). */
    static final int MAGIC_LENGTH = 8;
    static final byte[] PLAIN_MAGIC = "CKPTJNL1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ENCRYPTED_MAGIC = "CKPTJNE1".getBytes(StandardCharsets.US_ASCII);

    private static final Plain PLAIN = new Plain();

    JournalEncoding() {
    }

    /** Records as compact JSON: the default. */
    public static JournalEncoding plain() {
        return PLAIN;
    }

    /**
     * Records sealed with AES-GCM under {@code key}.
     *
     * @param key    a 16, 24 or 32-byte AES key
     * @param source where the key came from, shown in descriptions (never the key)
     * @throws IllegalArgumentException when {@code key} has another length
     */
    public static JournalEncoding aesGcm(byte[] key, String source) {
        return new AesGcmEncoding(key, source);
    }

    /**
     * AES-GCM with the key in {@code keyFile} when it is given, else in environment variable
     * {@code keyVariable} when that is, else plain.
     *
     * @param fileSetting     what the caller calls the key file setting, to start its errors with
     * @param variableSetting what the caller calls the variable setting
     * @throws IllegalArgumentException starting with the setting used, when its key cannot be had
     */
    public static JournalEncoding fromKey(Path keyFile, String fileSetting, String keyVariable, String variableSetting) {
        try {
            return keyFile != null ? aesGcmKeyFile(keyFile)
                    : keyVariable != null ? aesGcmKeyVariable(keyVariable) : plain();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((keyFile != null ? fileSetting : variableSetting) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records sealed with the key whose base64 text is in {@code file}.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no AES key
     */
    public static JournalEncoding aesGcmKeyFile(Path file) {
        String source = "key file " + ErrorValues.quoted(file.toString());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return aesGcm(decodeKey(text, source), source);
    }

    /**
     * Records sealed with the key whose base64 text is in environment variable {@code name}.
     *
     * @throws IllegalArgumentException naming the variable when it is unset or holds no AES key
     */
    public static JournalEncoding aesGcmKeyVariable(String name) {
        String source = "environment variable " + ErrorValues.quoted(name);
        String text = name.isEmpty() ? null : System.getenv(name);
        if (text == null) {
            throw new IllegalArgumentException(source + " is not set");
        }
        return aesGcm(decodeKey(text, source), source);
    }

    private static byte[] decodeKey(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " does not hold base64 text (make a key with:"
                    + " head -c 32 /dev/urandom | base64)");
        }
        if (!AesGcmEncoding.validKeyLength(key.length)) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException(source + " holds " + key.length + " bytes; an AES key has 16, 24 or"
                    + " 32 (make one with: head -c 32 /dev/urandom | base64)");
        }
        return key;
    }

    /** Whether records are encrypted. */
    public abstract boolean encrypted();

    /** What the encoding is, for logs and JMX; never the key. */
    public abstract String describe();

    /** The bytes every file of this encoding starts with. */
    abstract byte[] header();

    /**
     * A 256-bit key for {@code purpose} derived from the encryption key (an HMAC under it of the
     * purpose, so it tells nothing of the key nor of other purposes' keys), or null when plain.
     */
    abstract byte[] derivedKey(String purpose);

    /** A new record writer, for one thread. */
    abstract RecordWriter newWriter();

    /** A new record reader, for one thread, decoding records with {@code decoder}. */
    abstract RecordReader newReader(RecordCodec.Decoder decoder);

    /**
     * Refuses a file whose header is a journal header of another encoding (or key), with a message
     * that says what to do; returns normally when {@code file}'s bytes are no journal header at all.
     */
    void refuseForeignHeader(Path file, byte[] bytes) throws JournalFormatException {
        if (startsWith(bytes, ENCRYPTED_MAGIC)) {
            throw new JournalFormatException(file + " is encrypted; give its key (agent option encryptionKeyFile="
                    + " or encryptionKeyEnv=, CLI --key-file or --key-env)");
        }
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Turns records into frame payloads. Not thread-safe. */
    interface RecordWriter {
        byte[] payload(JournalRecord record);
    }

    /** Turns frame payloads back into records. Not thread-safe. */
    interface RecordReader {
        /** @throws IllegalArgumentException saying why the payload is no record of this journal */
        JournalRecord decode(byte[] payload);
    }

    /** A journal file whose header is of another encoding or key: the whole journal must not be read. */
    static final class JournalFormatException extends IOException {
        private static final long serialVersionUID = 1L;

        JournalFormatException(String message) {
            super(message);
        }
    }

    /** Compact JSON, as {@link RecordCodec} writes it. */
    static final class Plain extends JournalEncoding {
        @Override
        public boolean encrypted() {
            return false;
        }

        @Override
        public String describe() {
            return "none";
        }

        @Override
        byte[] header() {
            return PLAIN_MAGIC;
        }

        @Override
        byte[] derivedKey(String purpose) {
            return null;
        }

        @Override
        RecordWriter newWriter() {
            return new RecordCodec.Encoder()::encode;
        }

        @Override
        RecordReader newReader(RecordCodec.Decoder decoder) {
            return decoder;
        }
    }
}
