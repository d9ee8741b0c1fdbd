package org.breakpilot.checkpoint.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * Timestamps as the interchange format writes and reads them, for every place that takes or shows
 * one (export and import, JMX, the CLI). Thread-safe.
 */
public final class IsoTimestamps {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final String ACCEPTED =
            "accepted: ISO-8601 such as 2026-11-23T10:15:30.123456+00:00, with Z, any offset, or none for UTC";

    private IsoTimestamps() {
    }

    /**
     * Formats as Python's {@code datetime.isoformat()} does for a UTC datetime: microseconds, dropped
     * when zero, and {@code +00:00}.
     */
    public static String format(Instant timestamp) {
        String seconds = SECONDS.format(LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC));
        int micros = timestamp.getNano() / 1000;
        if (micros == 0) {
            return seconds + "+00:00";
        }
        return seconds + "." + String.format("%06d", micros) + "+00:00";
    }

    /**
     * Parses an ISO-8601 timestamp with {@code Z}, any offset, or none (read as UTC), to the
     * microsecond.
     *
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    public static Instant parse(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            Instant instant = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? Instant.from(parsed)
                    : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
            return instant.truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("timestamp " + ErrorValues.quoted(text) + " is not a valid timestamp (" + ACCEPTED + ")");
        }
    }
}
