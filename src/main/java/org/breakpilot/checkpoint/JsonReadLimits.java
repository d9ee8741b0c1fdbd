package org.breakpilot.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The limits a JSON document we read is held to, whoever wrote it: an import, a journal record. Set
 * explicitly rather than left to the library's defaults, so they are ours to state and test; past one,
 * reading fails with a message naming the limit, and nothing is changed.
 *
 * @param maxDepth          nesting of objects and arrays, at least 1
 * @param maxStringLength   characters in one string value or object key, at least 1
 * @param maxDocumentLength characters (of a text) or bytes (of a file) in one document, at least 1
 */
public record JsonReadLimits(int maxDepth, int maxStringLength, long maxDocumentLength) {

    /** Digits in one number: not a setting, as no checkpoint needs more. */
    public static final int MAX_NUMBER_LENGTH = 1_000;

    /** Nesting 500 (a checkpoint never holds deeper values), strings of 16 Mi characters, documents of 256 MiB. */
    public static final JsonReadLimits DEFAULT = new JsonReadLimits(FrozenJson.MAX_DEPTH, 16 * 1024 * 1024,
            256L * 1024 * 1024);

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException naming the limit and its value
     */
    public JsonReadLimits {
        if (maxDepth < 1 || maxStringLength < 1 || maxDocumentLength < 1) {
            throw new IllegalArgumentException("JSON read limits must be >= 1, got maxDepth " + maxDepth
                    + ", maxStringLength " + maxStringLength + ", maxDocumentLength " + maxDocumentLength);
        }
    }

    /** A factory whose parsers apply these limits, for a reader's {@code ObjectMapper}. */
    public JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxStringLength(maxStringLength)
                .maxNameLength(maxStringLength)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxDocumentLength(maxDocumentLength)
                .build()).build();
    }
}
