package org.breakpilot.checkpoint.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which keys and parameter names hold secrets. A name is secret when, lower-cased and with
 * {@code _}, {@code -} and {@code .} removed, it contains one of the fragments (normalized alike):
 * {@code userPassword}, {@code API-KEY} and {@code x_auth_token} are all secret. Matching by
 * fragment errs towards hiding: {@code tokenizer} is secret too. One exception: the token counts of
 * LLM APIs ({@code tokenUsage}, {@code inputTokenCount}, {@code maxOutputTokens}) are not secret by the
 * fragment {@code token}, or no model turn that reports its usage could be replayed. Immutable in what it
 * answers, and thread-safe.
 */
public final class Redaction {

    /** What a secret value is recorded as. */
    public static final String REDACTED = "[redacted]";

    /** The fragments redacted by default. */
    public static final List<String> DEFAULT_FRAGMENTS = List.of("password", "passwd", "secret", "token", "apikey",
            "api_key", "credential", "authorization", "cookie", "sessionkey", "session_key", "privatekey",
            "private_key");

    /** Normalized names, or their endings, that count tokens rather than hold one. */
    private static final List<String> TOKEN_COUNTS = List.of("tokenusage", "tokencount");
    private static final List<String> TOKEN_COUNT_ENDINGS = List.of("maxtokens", "inputtokens", "outputtokens",
            "prompttokens", "completiontokens", "totaltokens", "reasoningtokens", "cachedtokens");

    /** Names seen run again and again (parameters, bean properties, the same map keys): remember them. */
    private static final int MAX_REMEMBERED = 4096;

    private final List<String> fragments;
    private final ConcurrentHashMap<String, Boolean> verdicts = new ConcurrentHashMap<>();

    private Redaction(List<String> fragments) {
        List<String> normalized = new ArrayList<>();
        for (String fragment : fragments) {
            String each = normalize(fragment);
            if (!each.isEmpty() && !normalized.contains(each)) {
                normalized.add(each);
            }
        }
        this.fragments = List.copyOf(normalized);
    }

    /** The default fragments. */
    public static Redaction defaults() {
        return new Redaction(DEFAULT_FRAGMENTS);
    }

    /** Exactly these fragments; an empty list redacts nothing by name. */
    public static Redaction of(List<String> fragments) {
        return new Redaction(Objects.requireNonNull(fragments, "fragments must not be null"));
    }

    /**
     * Whether values under {@code name} are secret. It runs for every captured key and parameter, so the
     * verdicts on the first few thousand names are remembered.
     */
    public boolean isSecret(String name) {
        if (name == null || fragments.isEmpty()) {
            return false;
        }
        Boolean remembered = verdicts.get(name);
        if (remembered != null) {
            return remembered;
        }
        boolean secret = false;
        for (String fragment : fragments) {
            if (containsNormalized(name, fragment) && !(fragment.equals("token") && countsTokens(name))) {
                secret = true;
                break;
            }
        }
        if (verdicts.size() < MAX_REMEMBERED) {
            verdicts.put(name, secret);
        }
        return secret;
    }

    /** Whether {@code name}, read as {@link #normalize} would make it, contains {@code fragment}. */
    private static boolean containsNormalized(String name, String fragment) {
        for (int start = 0; start < name.length(); start++) {
            if (isSeparator(name.charAt(start))) {
                continue;
            }
            int at = start;
            int matched = 0;
            while (matched < fragment.length() && at < name.length()) {
                char c = name.charAt(at++);
                if (isSeparator(c)) {
                    continue;
                }
                if (Character.toLowerCase(c) != fragment.charAt(matched)) {
                    break;
                }
                matched++;
            }
            if (matched == fragment.length()) {
                return true;
            }
        }
        return false;
    }

    private static boolean countsTokens(String name) {
        String normalized = normalize(name);
        for (String count : TOKEN_COUNTS) {
            if (normalized.contains(count)) {
                return true;
            }
        }
        for (String ending : TOKEN_COUNT_ENDINGS) {
            if (normalized.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return c == '_' || c == '-' || c == '.';
    }

    private static String normalize(String name) {
        StringBuilder normalized = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != '.') {
                normalized.append(c);
            }
        }
        return normalized.toString().toLowerCase(Locale.ROOT);
    }
}
