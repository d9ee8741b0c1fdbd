package org.breakpilot.testhost;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * Methods marked in more than one way, in session {@code marking}: {@code @Checkpoint} beside a foreign
 * annotation in either order, foreign annotations with and without a naming attribute, and (in
 * {@link Payments}) composed annotations only. Run with
 * {@code annotations=...MarkingHost$Other;...MarkingHost$Async;...MarkingHost$Tool[name];...MarkingHost$Labels[value]}
 * and {@code methods=...MarkingHost[otherFirst]}.
 */
public class MarkingHost {

    /** A foreign marking annotation with no attributes. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    public @interface Other {
    }

    /** Like Spring's {@code @Async("mailExecutor")}: its value is no checkpoint name. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Async {
        String value() default "";
    }

    /** Like LangChain4j's {@code @Tool}: a {@code String name()} and a {@code String[] value()}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Tool {
        String name() default "";

        String[] value() default "";
    }

    /** Named through {@code [value]}, a {@code String[]}: its first element names the checkpoint. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Labels {
        String[] value();
    }

    /** Composed: marks like the {@code @Checkpoint} it carries, with its attributes. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Checkpoint(args = false, metadata = "kind=payment")
    public @interface PaymentStep {
    }

    /** Composed twice over: carries {@link PaymentStep}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @PaymentStep
    public @interface RefundStep {
    }

    /** Composed of a foreign marking annotation. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Other
    public @interface OtherStep {
    }

    /** Two annotations carrying each other and nothing that marks. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @LoopB
    public @interface LoopA {
    }

    /** See {@link LoopA}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @LoopA
    public @interface LoopB {
    }

    @Other
    @Checkpoint(value = "named.a", args = false, result = false, metadata = "team=core")
    static String otherFirst(String card) {
        return "a " + card;
    }

    @Checkpoint(value = "named.b", args = false, metadata = "team=core")
    @Other
    static String checkpointFirst(String card) {
        return "b " + card;
    }

    @Async("mailExecutor")
    static String sendMail(String to) {
        return "sent to " + to;
    }

    @Tool(name = "book_hotel", value = "Books a hotel")
    static String bookHotel(String city) {
        return "hotel in " + city;
    }

    @Tool("Finds flights")
    static String findFlights(String city) {
        return "flights to " + city;
    }

    @Labels({"labelled.first", "labelled.second"})
    static String labelled() {
        return "labelled";
    }

    @Checkpoint("explicit.capture")
    @PaymentStep
    static String capture(String account) {
        return "captured " + account;
    }

    /** Uses composed annotations only: its class file names no marking annotation. */
    static final class Payments {
        @PaymentStep
        static String charge(String account) {
            return "charged " + account;
        }

        @RefundStep
        static String refund(String account) {
            return "refunded " + account;
        }

        @OtherStep
        static String notify(String account) {
            return "notified " + account;
        }

        @LoopA
        static String looping(String account) {
            return "looped " + account;
        }
    }

    public static void main(String[] args) {
        try (Checkpoints.Scope scope = Checkpoints.session("marking")) {
            System.out.println(otherFirst("4111"));
            System.out.println(otherFirst("4222"));
            System.out.println(checkpointFirst("4333"));
            System.out.println(sendMail("ana"));
            System.out.println(bookHotel("Lisbon"));
            System.out.println(findFlights("Porto"));
            System.out.println(labelled());
            System.out.println(Payments.charge("acc-1"));
            System.out.println(Payments.refund("acc-2"));
            System.out.println(capture("acc-3"));
            System.out.println(Payments.notify("acc-4"));
            System.out.println(Payments.looping("acc-5"));
        }
    }
}
