package org.breakpilot.checkpoint;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The limits every JSON document we read is held to, whoever wrote it: an import, a journal record.
 * Set explicitly rather than left to the library's defaults, so they are ours to state and test; past
 * one, reading fails with a message naming the limit, and nothing is changed.
 */
public final class JsonReadLimits {

    /** Nesting of objects and arrays; a snapshot never holds deeper values either. */
    public static final int MAX_NESTING_DEPTH = ValueSnapshot.MAX_DEPTH;
    /** Characters in one string value. */
    public static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;
    /** Digits in one number. */
    public static final int MAX_NUMBER_LENGTH = 1_000;
    /** Bytes in one document. */
    public static final long MAX_DOCUMENT_LENGTH = 256L * 1024 * 1024;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
            .build();

    private JsonReadLimits() {
    }

    /** The limits as Jackson applies them, for a reader's {@code JsonFactory}. */
    public static StreamReadConstraints constraints() {
        return CONSTRAINTS;
    }
}
