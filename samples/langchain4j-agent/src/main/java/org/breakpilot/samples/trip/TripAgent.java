package org.breakpilot.samples.trip;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.AiServices;

/**
 * A LangChain4j trip-booking agent: an {@link AiServices} assistant over {@link ScriptedTravelModel} with
 * the {@link TripTools}. It prints the request, the conversation the model and the tools had, and the
 * final answer. With {@code -Dtrip.concurrentTools=true} the tools of one turn run concurrently
 * ({@code executeToolsConcurrently()}).
 *
 * <p>Nothing in it refers to checkpoints: run under the agent with
 * {@code session=trip-1,replayAnnotations=dev.langchain4j.agent.tool.Tool[name],replayMethods=dev.langchain4j.model.chat.ChatModel[chat]},
 * kill it, start it again, and the model turns and tools that completed are not called again.
 */
public final class TripAgent {

    /** The assistant LangChain4j implements. */
    interface TravelAssistant {
        String chat(String request);
    }

    public static void main(String[] args) {
        String request = "Book me a trip from Berlin to Lisbon, 10 to 14 December 2026: flights, a hotel and a car.";
        ChatMemory memory = MessageWindowChatMemory.withMaxMessages(50);
        AiServices<TravelAssistant> builder = AiServices.builder(TravelAssistant.class)
                .chatModel(new ScriptedTravelModel())
                .chatMemory(memory)
                .tools(new TripTools());
        if (Boolean.getBoolean("trip.concurrentTools")) {
            builder.executeToolsConcurrently();
        }
        System.out.println("user: " + request);
        String answer = builder.build().chat(request);
        System.out.println("conversation:");
        for (ChatMessage message : memory.messages()) {
            System.out.println("  " + describe(message));
        }
        System.out.println("answer: " + answer);
    }

    private static String describe(ChatMessage message) {
        if (message instanceof UserMessage user) {
            return "user: " + user.singleText();
        }
        if (message instanceof ToolExecutionResultMessage result) {
            return "tool " + result.toolName() + ": " + result.text();
        }
        if (message instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
            StringBuilder calls = new StringBuilder("assistant calls:");
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                calls.append(' ').append(call.name()).append(call.arguments());
            }
            return calls.toString();
        }
        if (message instanceof AiMessage ai) {
            return "assistant: " + ai.text();
        }
        return message.type() + ": " + message;
    }
}
