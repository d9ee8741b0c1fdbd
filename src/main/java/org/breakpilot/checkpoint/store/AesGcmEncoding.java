package org.breakpilot.checkpoint.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Records sealed with AES-GCM. A file starts with {@code CKPTJNE1} and a 16-byte key check (an HMAC of
 * the key, so a wrong key is told apart from damage). A record's payload is its address — the session
 * and checkpoint id in the clear, which the reader needs before it can decrypt — then a 12-byte nonce
 * and the encrypted JSON with its tag. The address is the associated data: a record whose session or
 * id is changed, or that is moved into another session's place, fails to decrypt, and a decrypted
 * record must name the same session and id again.
 *
 * <p>Payload: version byte {@code 1}, session length (int) and UTF-8 bytes, id length (int) and UTF-8
 * bytes (empty for records of no one checkpoint), nonce, ciphertext and 16-byte tag.
 */
final class AesGcmEncoding extends JournalEncoding {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_CHECK_BYTES = 16;
    private static final byte VERSION = 1;

    private final SecretKeySpec key;
    private final String source;
    private final byte[] header;

    AesGcmEncoding(byte[] key, String source) {
        if (!validKeyLength(key.length)) {
            throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.source = source;
        this.header = ByteBuffer.allocate(MAGIC_LENGTH + KEY_CHECK_BYTES).put(ENCRYPTED_MAGIC).put(keyCheck(this.key))
                .array();
    }

    static boolean validKeyLength(int bytes) {
        return bytes == 16 || bytes == 24 || bytes == 32;
    }

    /** Identifies the key without revealing it: the first bytes of an HMAC under it of a fixed text. */
    private static byte[] keyCheck(SecretKeySpec key) {
        return Arrays.copyOf(derive(key, "checkpoint-agent journal key check"), KEY_CHECK_BYTES);
    }

    private static byte[] derive(SecretKeySpec key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256: " + e.getMessage(), e);
        }
    }

    @Override
    byte[] derivedKey(String purpose) {
        return derive(key, "checkpoint-agent " + purpose);
    }

    @Override
    public boolean encrypted() {
        return true;
    }

    @Override
    public String describe() {
        return "AES-GCM, key from " + source;
    }

    @Override
    byte[] header() {
        return header.clone();
    }

    @Override
    void refuseForeignHeader(Path file, byte[] bytes) throws JournalFormatException {
        if (startsWith(bytes, PLAIN_MAGIC)) {
            throw new JournalFormatException(file + " is not encrypted, but the journal is opened with a key: an"
                    + " encrypted journal never reads plaintext records (give it a new dir, or read this one without"
                    + " the key)");
        }
        if (startsWith(bytes, ENCRYPTED_MAGIC)) {
            throw new JournalFormatException(file + " is encrypted with another key than the one from " + source);
        }
    }

    @Override
    RecordWriter newWriter() {
        return new Sealer();
    }

    @Override
    RecordReader newReader(RecordCodec.Decoder decoder) {
        return new Opener(decoder);
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no " + TRANSFORMATION + ": " + e.getMessage(), e);
        }
    }

    /** The record's session and the id of its checkpoint, or "" when it is about no one checkpoint. */
    private static String checkpointIdOf(JournalRecord record) {
        if (record instanceof JournalRecord.Created created) {
            return created.checkpoint().id();
        }
        return record instanceof JournalRecord.Rewound rewound ? rewound.checkpointId() : "";
    }

    private static byte[] address(String session, String checkpointId) {
        byte[] sessionBytes = session.getBytes(StandardCharsets.UTF_8);
        byte[] idBytes = checkpointId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + sessionBytes.length + 4 + idBytes.length).put(VERSION)
                .putInt(sessionBytes.length).put(sessionBytes).putInt(idBytes.length).put(idBytes).array();
    }

    /**
     * Seals records. Nonces are a random 8-byte prefix chosen per sealer and a 4-byte counter, so no two
     * records of one sealer share a nonce and sealers (writer, compactor, later runs) collide with
     * probability 2^-64; the prefix is drawn again before the counter would repeat.
     */
    private final class Sealer implements RecordWriter {
        private final RecordCodec.Encoder json = new RecordCodec.Encoder();
        private final Cipher cipher = newCipher();
        private final SecureRandom random = new SecureRandom();
        private final byte[] nonce = new byte[NONCE_BYTES];
        private int counter;

        Sealer() {
            random.nextBytes(nonce);
        }

        @Override
        public byte[] payload(JournalRecord record) {
            byte[] plain = json.encode(record);
            byte[] address = address(record.session(), checkpointIdOf(record));
            nextNonce();
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(address);
                byte[] payload = new byte[address.length + NONCE_BYTES + cipher.getOutputSize(plain.length)];
                System.arraycopy(address, 0, payload, 0, address.length);
                System.arraycopy(nonce, 0, payload, address.length, NONCE_BYTES);
                cipher.doFinal(plain, 0, plain.length, payload, address.length + NONCE_BYTES);
                return payload;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("could not encrypt a journal record: " + e.getMessage(), e);
            }
        }

        private void nextNonce() {
            if (counter == -1) {
                random.nextBytes(nonce);
            }
            counter++;
            ByteBuffer.wrap(nonce, 8, 4).putInt(counter);
        }
    }

    /** Opens sealed records, checking their address before and after. */
    private final class Opener implements RecordReader {
        private final Cipher cipher = newCipher();
        private final RecordCodec.Decoder decoder;

        Opener(RecordCodec.Decoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public JournalRecord decode(byte[] payload) {
            ByteBuffer in = ByteBuffer.wrap(payload);
            if (in.remaining() < 1 || in.get() != VERSION) {
                throw new IllegalArgumentException("not a sealed record of format version " + VERSION);
            }
            String session = text(in, "session");
            String checkpointId = text(in, "checkpoint id");
            int sealedAt = in.position() + NONCE_BYTES;
            if (payload.length - sealedAt < TAG_BITS / 8) {
                throw new IllegalArgumentException("sealed record too short for its nonce and tag");
            }
            byte[] plain;
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, payload, in.position(), NONCE_BYTES));
                cipher.updateAAD(payload, 0, in.position());
                plain = cipher.doFinal(payload, sealedAt, payload.length - sealedAt);
            } catch (AEADBadTagException e) {
                throw new IllegalArgumentException("record addressed to session '" + session + "' checkpoint '"
                        + checkpointId + "' fails authentication (altered, moved from another session, or sealed"
                        + " with another key)");
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("sealed record cannot be decrypted: " + e.getMessage());
            }
            JournalRecord record = decoder.decode(plain);
            if (!record.session().equals(session) || !checkpointIdOf(record).equals(checkpointId)) {
                throw new IllegalArgumentException("record addressed to session '" + session + "' checkpoint '"
                        + checkpointId + "' holds another one");
            }
            return record;
        }

        private String text(ByteBuffer in, String what) {
            int length = in.remaining() >= 4 ? in.getInt() : -1;
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("sealed record with a damaged " + what + " length");
            }
            byte[] bytes = new byte[length];
            in.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
