package org.breakpilot.checkpoint.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One reading of {@code <sessionId>:<n>}: the session is what stands before the last colon. */
class CheckpointIdsTest {

    @Test
    void theSessionIsEverythingBeforeTheLastColon() {
        assertEquals(Optional.of("order"), CheckpointIds.sessionOf("order:7"));
        assertEquals(Optional.of("tenant:order"), CheckpointIds.sessionOf("tenant:order:7"));
        assertEquals(Optional.of("order"), CheckpointIds.sessionOf("order:"));
    }

    @Test
    void anIdWithoutASessionBeforeAColonHasNone() {
        assertEquals(Optional.empty(), CheckpointIds.sessionOf(""));
        assertEquals(Optional.empty(), CheckpointIds.sessionOf("no-colon"));
        assertEquals(Optional.empty(), CheckpointIds.sessionOf(":5"));
    }

    @Test
    void theNumberIsReadOnlyForTheSessionTheIdNames() {
        assertEquals(7, CheckpointIds.number("tenant:order", "tenant:order:7"));
        assertEquals(0, CheckpointIds.number("tenant", "tenant:order:7"));
        assertEquals(0, CheckpointIds.number("order", "other:7"));
        assertEquals(5, CheckpointIds.number("", ":5"));
    }

    @Test
    void anythingButDigitsAfterTheColonIsNoNumber() {
        for (String id : new String[] {"s:", "s:x", "s:-1", "s:1:", "s:99999999999999999999", "s7"}) {
            assertEquals(0, CheckpointIds.number("s", id), id);
        }
    }

    @Test
    void anIssuedNumberIsOneTheSessionWritesBackAsTheSameId() {
        assertEquals(7, CheckpointIds.issuedNumber("tenant:order", "tenant:order:7"));
        assertEquals(9223372036854775807L, CheckpointIds.issuedNumber("s", "s:9223372036854775807"));
        for (String id : new String[] {"s:07", "s:0", "s:+7", "t:7", "s:", "s:99999999999999999999"}) {
            assertEquals(0, CheckpointIds.issuedNumber("s", id), id);
        }
    }
}
