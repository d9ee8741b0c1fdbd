package org.breakpilot.testhost;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.concurrent.atomic.AtomicInteger;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * Model turns as replay steps, in session {@code llm-turns}: results of LangChain4j's immutable types
 * (no default constructor, final fields, accessors without {@code get}). Each body counts its calls and
 * prints {@code ran <step>}; {@code main} prints each result, whether it equals one built here without
 * the step, and how many bodies ran.
 *
 * <p>Argument: the question the {@code chat} turn is asked.
 */
public class LlmTurnHost {

    private static final AtomicInteger BODIES = new AtomicInteger();

    @Checkpoint(value = "plan", replay = true)
    static ChatResponse plan(String question) {
        BODIES.incrementAndGet();
        System.out.println("ran plan");
        return toolCall();
    }

    @Checkpoint(value = "answer", replay = true)
    static AiMessage answer(String hotel) {
        BODIES.incrementAndGet();
        System.out.println("ran answer");
        return AiMessage.from("Booked " + hotel + " for two nights.");
    }

    @Checkpoint(value = "chat", replay = true)
    static ChatResponse chat(ChatRequest request) {
        BODIES.incrementAndGet();
        System.out.println("ran chat");
        String asked = ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText();
        return ChatResponse.builder().aiMessage(AiMessage.from("You asked: " + asked)).build();
    }

    static ChatResponse toolCall() {
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(ToolExecutionRequest.builder().id("1").name("book_hotel")
                        .arguments("{\"city\":\"Lisbon\",\"nights\":2}").build()))
                .id("resp-1").modelName("fake-model").finishReason(FinishReason.TOOL_EXECUTION).build();
    }

    public static void main(String[] args) {
        try (Checkpoints.Scope scope = Checkpoints.session("llm-turns")) {
            ChatResponse planned = plan("Book me a hotel in Lisbon");
            System.out.println("plan -> " + planned);
            System.out.println("plan equals -> " + planned.equals(toolCall()));
            AiMessage answered = answer("Hotel Lisboa");
            System.out.println("answer -> " + answered);
            System.out.println("answer equals -> " + answered.equals(AiMessage.from("Booked Hotel Lisboa for two nights.")));
            ChatResponse chatted = chat(ChatRequest.builder().messages(UserMessage.from(args[0])).build());
            System.out.println("chat -> " + chatted.aiMessage().text());
            System.out.println("bodies -> " + BODIES.get());
        }
    }
}
