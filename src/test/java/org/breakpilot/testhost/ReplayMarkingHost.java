package org.breakpilot.testhost;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * Replay steps made by options only, in session {@code replay-marking}: a tool marked by a foreign
 * annotation ({@code replayAnnotations=...$Tool[name]}), a chat model's default interface method
 * ({@code replayMethods=...$ChatModel[chat]}), and a {@code @Checkpoint} method that
 * {@code replayMethods=...ReplayMarkingHost[audit]} also names. Each body prints {@code ran <step>}.
 */
public class ReplayMarkingHost {

    /** Like LangChain4j's {@code @Tool}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Tool {
        String name() default "";
    }

    /** Like LangChain4j's {@code ChatModel}: {@code chat} is a default method. */
    public interface ChatModel {
        default String chat(String prompt) {
            System.out.println("ran chat " + prompt);
            return "answer to " + prompt + " #" + System.nanoTime() % 1000;
        }
    }

    /** An implementation that does not override {@code chat}. */
    static final class FakeModel implements ChatModel {
    }

    @Tool(name = "book_hotel")
    static String bookHotel(String city) {
        System.out.println("ran book_hotel " + city);
        return "booking " + city + " #" + System.nanoTime() % 1000;
    }

    @Checkpoint("audit")
    static long audit(String what) {
        System.out.println("ran audit " + what);
        return System.nanoTime();
    }

    public static void main(String[] args) {
        ChatModel model = new FakeModel();
        try (Checkpoints.Scope scope = Checkpoints.session("replay-marking")) {
            System.out.println("chat -> " + model.chat("plan a trip"));
            System.out.println("tool -> " + bookHotel("Lisbon"));
            System.out.println("audit -> " + audit("trip"));
        }
    }
}
