package org.breakpilot.testhost;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Redact;

/**
 * Passes a secret to annotated methods in every way an application might, each call beside a visible
 * value that must be recorded. Records one warm-up step, says {@code ready <pid>}; each input line
 * {@code <rounds> <secret> <visible>} makes {@link #CALLS_PER_ROUND} calls per round and answers
 * {@code done}; it ends normally when its input closes. It prints nothing else.
 */
public class SecretsHost {

    /** Calls each round makes. */
    public static final int CALLS_PER_ROUND = 9;
    /** The checkpoint names it records. */
    public static final List<String> NAMES = List.of("secrets.warmUp", "secrets.byParameterName",
            "secrets.byAnnotation", "secrets.nestedMapKey", "secrets.nestedBean", "secrets.recordComponent",
            "secrets.resultMap", "secrets.resultBean", "secrets.customKey", "secrets.listOfMaps");

    /** A bean with a secret property. */
    public static final class Login {
        private final String user;
        private final String password;

        Login(String user, String password) {
            this.user = user;
            this.password = password;
        }

        public String getUser() {
            return user;
        }

        public String getPassword() {
            return password;
        }
    }

    /** A bean holding another, and a public field. */
    public static final class Account {
        public String owner;
        private final Login login;

        Account(String owner, Login login) {
            this.owner = owner;
            this.login = login;
        }

        public Login getLogin() {
            return login;
        }
    }

    /** A record with a secret component. */
    public record Vault(String owner, String apiKey) {
    }

    @Checkpoint("secrets.warmUp")
    static int warmUp(String user) {
        return user.length();
    }

    @Checkpoint("secrets.byParameterName")
    static int byParameterName(String user, String password, String token, String secret, String apiKey,
                               String authorization) {
        return user.length();
    }

    @Checkpoint("secrets.byAnnotation")
    static int byAnnotation(String user, @Redact String connectionString) {
        return user.length();
    }

    @Checkpoint("secrets.nestedMapKey")
    static int nestedMapKey(String user, Map<String, Object> config) {
        return user.length();
    }

    @Checkpoint("secrets.nestedBean")
    static int nestedBean(String user, Account account) {
        return user.length();
    }

    @Checkpoint("secrets.recordComponent")
    static int recordComponent(String user, Vault vault) {
        return user.length();
    }

    @Checkpoint("secrets.resultMap")
    static Map<String, Object> resultMap(String user, String secretValue) {
        return Map.of("user", user, "session", Map.of("accessToken", secretValue));
    }

    @Checkpoint("secrets.resultBean")
    static Account resultBean(String user, String secretValue) {
        return new Account(user, new Login(user, secretValue));
    }

    /** {@code pinCode} is secret only by the redact option the test adds. */
    @Checkpoint("secrets.customKey")
    static int customKey(String user, String pinCode, Map<String, Object> form) {
        return user.length();
    }

    @Checkpoint("secrets.listOfMaps")
    static int listOfMaps(String user, List<Object> rows) {
        return rows.size();
    }

    public static void main(String[] args) throws Exception {
        warmUp("warm");
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] parts = line.split(" ");
            int rounds = Integer.parseInt(parts[0]);
            String secret = parts[1];
            String visible = parts[2];
            for (int round = 0; round < rounds; round++) {
                byParameterName(visible, secret, secret, secret, secret, secret);
                byAnnotation(visible, secret);
                nestedMapKey(visible, deep(secret, visible));
                nestedBean(visible, new Account(visible, new Login(visible, secret)));
                recordComponent(visible, new Vault(visible, secret));
                resultMap(visible, secret);
                resultBean(visible, secret);
                customKey(visible, secret, Map.of("user", visible, "pinCode", secret));
                listOfMaps(visible, List.of(Map.of("user", visible, "password", secret), List.of(Map.of("Api-Key", secret))));
            }
            System.out.println("done");
        }
    }

    /** {@code password} five levels down, through lists and maps, beside a visible value. */
    private static Map<String, Object> deep(String secret, String visible) {
        Map<String, Object> level5 = new LinkedHashMap<>();
        level5.put("user", visible);
        level5.put("password", secret);
        List<Object> level4 = new ArrayList<>(List.of(level5));
        Map<String, Object> level3 = Map.of("accounts", level4);
        List<Object> level2 = List.of("x", level3);
        return Map.of("level1", Map.of("items", level2));
    }
}
