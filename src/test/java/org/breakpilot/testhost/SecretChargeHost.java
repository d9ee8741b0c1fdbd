package org.breakpilot.testhost;

import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;
import org.breakpilot.checkpoint.api.Redact;

/**
 * Two replay steps with a secret argument in session {@code secret-job}: one secret by its name
 * ({@code token}), one by {@code @Redact}. Each body prints {@code ran <step>} when it really runs.
 *
 * <p>Arguments: the token, then the PIN.
 */
public class SecretChargeHost {

    @Checkpoint(value = "charge", replay = true)
    static String charge(String account, String token) {
        System.out.println("ran charge");
        return "charged " + account;
    }

    @Checkpoint(value = "authorize", replay = true)
    static String authorize(String account, @Redact String pin) {
        System.out.println("ran authorize");
        return "authorized " + account;
    }

    public static void main(String[] args) {
        try (Checkpoints.Scope scope = Checkpoints.session("secret-job")) {
            try {
                System.out.println("charge -> " + charge("acct-1", args[0]));
            } catch (IllegalStateException strict) {
                System.out.println("charge threw: " + strict.getMessage());
            }
            try {
                System.out.println("authorize -> " + authorize("acct-1", args[1]));
            } catch (IllegalStateException strict) {
                System.out.println("authorize threw: " + strict.getMessage());
            }
        }
    }
}
