package org.breakpilot.testhost;

import java.util.List;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * A job of five replay steps of different shapes in session {@code replay-job}. Each body prints
 * {@code ran <step>} when it really runs; {@code main} prints every result.
 *
 * <p>Arguments: the step after which to halt the JVM abruptly, as a crash would (0: run to the end);
 * the argument of the first step (to change a call); {@code fail} to make the fourth step throw.
 */
public class ReplayHost {

    /** A value with a generic list inside, to read back. */
    public record Item(String name, int rank) {
    }

    @Checkpoint(value = "count", replay = true)
    static int count(int x) {
        System.out.println("ran count " + x);
        return x * 2;
    }

    @Checkpoint(value = "items", replay = true)
    static List<Item> items(String prefix) {
        System.out.println("ran items");
        return List.of(new Item(prefix + "-one", 1), new Item(prefix + "-two", 2));
    }

    @Checkpoint(value = "touch", replay = true)
    static void touch(String what) {
        System.out.println("ran touch " + what);
    }

    @Checkpoint(value = "flaky", replay = true)
    static String flaky(boolean fail) {
        System.out.println("ran flaky");
        if (fail) {
            throw new IllegalStateException("flaky failed");
        }
        return "flaky ok";
    }

    @Checkpoint(value = "finish", replay = true)
    static long finish(long seed) {
        System.out.println("ran finish");
        return seed * 31;
    }

    public static void main(String[] args) {
        int haltAfter = Integer.parseInt(args[0]);
        int first = Integer.parseInt(args[1]);
        boolean fail = args.length > 2 && args[2].equals("fail");
        try (Checkpoints.Scope scope = Checkpoints.session("replay-job")) {
            try {
                System.out.println("count -> " + count(first));
            } catch (IllegalStateException strict) {
                System.out.println("count threw: " + strict.getMessage());
            }
            haltAfter(1, haltAfter);
            System.out.println("items -> " + items("p"));
            haltAfter(2, haltAfter);
            touch("x");
            System.out.println("touch -> done");
            haltAfter(3, haltAfter);
            try {
                System.out.println("flaky -> " + flaky(fail));
            } catch (IllegalStateException e) {
                System.out.println("flaky -> threw " + e.getMessage());
            }
            haltAfter(4, haltAfter);
            System.out.println("finish -> " + finish(first));
        }
    }

    private static void haltAfter(int step, int haltAfter) {
        if (step == haltAfter) {
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
    }
}
