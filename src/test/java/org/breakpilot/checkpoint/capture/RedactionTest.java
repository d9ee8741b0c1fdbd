package org.breakpilot.checkpoint.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void defaultFragmentsMatchCaseAndSeparatorInsensitively() {
        Redaction redaction = Redaction.defaults();

        for (String secret : List.of("password", "userPassword", "API-KEY", "x_auth_token", "Cookie", "client.secret")) {
            assertTrue(redaction.isSecret(secret), secret);
        }
        for (String plain : List.of("user", "amount", "query")) {
            assertFalse(redaction.isSecret(plain), plain);
        }
    }

    @Test
    void tokenCountsOfLlmApisAreNotSecretButTokensAre() {
        Redaction redaction = Redaction.defaults();

        for (String count : List.of("tokenUsage", "inputTokenCount", "total_token_count", "maxOutputTokens",
                "completion_tokens", "max_tokens")) {
            assertFalse(redaction.isSecret(count), count);
        }
        for (String secret : List.of("token", "accessToken", "refresh_tokens", "tokenizer", "secretTokenCount",
                "apiTokens")) {
            assertTrue(redaction.isSecret(secret), secret);
        }
    }

    @Test
    void configuredFragmentsReplaceTheDefaults() {
        Redaction redaction = Redaction.of(List.of("iban"));

        assertTrue(redaction.isSecret("customerIBAN"));
        assertFalse(redaction.isSecret("password"));
        assertFalse(Redaction.of(List.of()).isSecret("password"));
    }
}
