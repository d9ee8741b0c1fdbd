package org.breakpilot.checkpoint.agent.options;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.breakpilot.checkpoint.testing.FuzzOracle;

/**
 * Fuzzes {@link OptionParser#parse}: any agent string and system properties either parse into options
 * whose every value can be shown, or are refused with the documented one-line
 * {@link IllegalArgumentException} that starts by naming the option (see {@code OptionParserTest}).
 *
 * <p>An input is the agent string, then NUL-separated {@code key=value} system properties under
 * {@code breakpilot.checkpoint.}; NUL, because a property's value may hold any other character.
 */
class OptionParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyOptionsParseOrAreRefusedInOneLineNamingTheOption(byte[] input) {
        String[] parts = new String(input, StandardCharsets.UTF_8).split("\0", -1);
        Properties properties = new Properties();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            properties.setProperty(OptionParser.PROPERTY_PREFIX + parts[i].substring(0, Math.max(equals, 0)),
                    parts[i].substring(equals + 1));
        }
        try {
            OptionParser.parse(parts[0], properties).effective();
        } catch (IllegalArgumentException refused) {
            FuzzOracle.assertOneLineMessage(refused);
            String message = refused.getMessage();
            assertTrue(message.startsWith("option ") || message.startsWith("unknown option ")
                    || message.startsWith("unknown system property "), message);
        }
    }
}
