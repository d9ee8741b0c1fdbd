package org.breakpilot.samples.trip;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.Locale;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * The agent's tools, written as any LangChain4j user writes them: nothing here knows about checkpoints.
 * Each prints {@code   [tool] ...} when it really runs and takes {@code -Dtrip.toolMillis} milliseconds
 * (default 300), the time a real booking API would, which leaves time to kill the agent mid-tool.
 * Results are made from the arguments alone, so that every run of the same trip books the same things.
 */
public class TripTools {

    private final long toolMillis = Long.getLong("trip.toolMillis", 300);

    @Tool(name = "book_flight", value = "Books one seat on a flight and returns the booking")
    public String bookFlight(@P("departure airport code") String from, @P("arrival airport code") String to,
                             @P("date, yyyy-mm-dd") String date) {
        work("book_flight " + from + "->" + to + " " + date);
        return "flight " + reference("FL", from + to + date) + " " + from + "->" + to + " " + date + ", EUR 189.00";
    }

    @Tool(name = "book_hotel", value = "Books a hotel room and returns the booking")
    public String bookHotel(@P("city") String city, @P("check-in date, yyyy-mm-dd") String checkIn,
                            @P("number of nights") int nights) {
        work("book_hotel " + city + " " + checkIn + " " + nights + " nights");
        return "hotel " + reference("HT", city + checkIn + nights) + " " + city + " from " + checkIn + ", "
                + nights + " nights, EUR " + money(nights * 142.00);
    }

    @Tool(name = "rent_car", value = "Rents a car and returns the rental")
    public String rentCar(@P("city") String city, @P("pick-up date, yyyy-mm-dd") String pickUp,
                          @P("number of days") int days) {
        work("rent_car " + city + " " + pickUp + " " + days + " days");
        return "car " + reference("CR", city + pickUp + days) + " " + city + " from " + pickUp + ", " + days
                + " days, EUR " + money(days * 39.50);
    }

    /**
     * The one tool that uses our api: a payment must not be charged twice when the agent, killed while
     * paying, pays again on resume, so it gives the payment API an idempotency key that is the same on
     * every run of this call ({@code trip-1:pay:1}; null without the agent).
     */
    @Tool(name = "pay", value = "Charges the traveller's card for the trip and returns the receipt")
    public String pay(@P("amount in euros") double amount, @P("what is paid for") String description) {
        String idempotencyKey = Checkpoints.stepKey();
        work("pay EUR " + money(amount) + " for " + description + ", idempotency key " + idempotencyKey);
        return "receipt " + reference("PY", description + amount) + ": EUR " + money(amount) + " charged";
    }

    private void work(String what) {
        System.out.println("  [tool] " + what);
        try {
            Thread.sleep(toolMillis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reference(String prefix, String of) {
        return prefix + "-" + String.format(Locale.ROOT, "%06d", Math.floorMod((prefix + of).hashCode(), 1_000_000));
    }

    static String money(double euros) {
        return String.format(Locale.ROOT, "%.2f", euros);
    }
}
