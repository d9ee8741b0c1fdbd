package org.breakpilot.testhost;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * Books two hotels in session {@code trip-1}, each a replay step that charges a card in an inner replay
 * step and hands a confirmation to a pool thread. When the first booking is replayed, its charge is not
 * called: the second booking's charge must keep its number all the same. Every body prints the
 * {@code Checkpoints.stepKey()} it sees (on {@code facade.} lines, as they differ without the agent).
 * With the argument {@code crash} the JVM halts inside the second booking, as a crash would.
 */
public class StepKeyHost {

    private static final ExecutorService MAIL = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "mail");
        thread.setDaemon(true);
        return thread;
    });

    @Checkpoint(value = "book_hotel", replay = true)
    static String book(String hotel, boolean crash) throws Exception {
        System.out.println("facade.book " + hotel + " " + Checkpoints.stepKey());
        String receipt = charge(hotel);
        System.out.println("facade.book after charge " + hotel + " " + Checkpoints.stepKey());
        System.out.println("facade.mail " + hotel + " " + MAIL.submit(Checkpoints::stepKey).get());
        if (crash) {
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
        return "booked " + hotel + " (" + receipt + ")";
    }

    @Checkpoint(value = "charge", replay = true)
    static String charge(String hotel) {
        System.out.println("facade.charge " + hotel + " " + Checkpoints.stepKey());
        return "charged " + hotel;
    }

    public static void main(String[] args) throws Exception {
        boolean crash = args.length > 0 && args[0].equals("crash");
        System.out.println("facade.outside " + Checkpoints.stepKey());
        try (Checkpoints.Scope scope = Checkpoints.session("trip-1")) {
            System.out.println(book("Adlon", false));
            System.out.println(book("Ritz", crash));
        }
    }
}
