package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SessionExporterTest {

    @Test
    void safeCharactersStayAndEveryOtherByteIsPercentEncoded() {
        assertEquals("order-42_a.json", SessionExporter.fileName("order-42_a"));
        assertEquals("a%2Fb%3A1.json", SessionExporter.fileName("a/b:1"));
        assertEquals("%2E%2E.json", SessionExporter.fileName(".."));
        assertEquals("caf%C3%A9.json", SessionExporter.fileName("caf\u00e9"));
    }

    @Test
    void distinctSessionsNeverShareAFile() {
        assertNotEquals(SessionExporter.fileName("a%2F"), SessionExporter.fileName("a/"));
    }
}
