package org.breakpilot.samples.trip;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stand-in for an LLM provider, so that the sample needs no network and no key. Like a
 * provider it implements {@link ChatModel#doChat}; LangChain4j's {@code chat} calls it. It plans a trip
 * booking from what the conversation holds: with no tool results yet it asks for both flights, then for
 * the hotel and the car, then for the payment, and with all five results it answers.
 *
 * <p>Each real call prints {@code   [model] call N: ...}: a model call replayed from the journal prints
 * nothing, which is how a resumed run shows the turns it did not pay for again.
 */
public final class ScriptedTravelModel implements ChatModel {

    private final AtomicInteger realCalls = new AtomicInteger();

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<String> results = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            if (message instanceof ToolExecutionResultMessage result) {
                results.add(result.text());
            }
        }
        AiMessage answer = switch (results.size()) {
            case 0 -> ask(1, call("book_flight", "{\"from\":\"BER\",\"to\":\"LIS\",\"date\":\"2026-12-10\"}"),
                    call("book_flight", "{\"from\":\"LIS\",\"to\":\"BER\",\"date\":\"2026-12-14\"}"));
            case 2 -> ask(2, call("book_hotel", "{\"city\":\"Lisbon\",\"checkIn\":\"2026-12-10\",\"nights\":4}"),
                    call("rent_car", "{\"city\":\"Lisbon\",\"pickUp\":\"2026-12-10\",\"days\":4}"));
            case 4 -> ask(3, call("pay", "{\"amount\":" + TripTools.money(total(results))
                    + ",\"description\":\"Lisbon trip 2026-12-10\"}"));
            default -> answer(results);
        };
        return ChatResponse.builder()
                .aiMessage(answer)
                .modelName("scripted-travel-model")
                .tokenUsage(new TokenUsage(100 * realCalls.get(), 20))
                .finishReason(answer.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                .build();
    }

    private AiMessage ask(int turn, ToolExecutionRequest... calls) {
        List<String> names = new ArrayList<>();
        for (ToolExecutionRequest call : calls) {
            names.add(call.name());
        }
        System.out.println("  [model] call " + realCalls.incrementAndGet() + ": turn " + turn + " asks for " + names);
        return AiMessage.from(List.of(calls));
    }

    private AiMessage answer(List<String> results) {
        System.out.println("  [model] call " + realCalls.incrementAndGet() + ": final answer");
        return AiMessage.from("Your Lisbon trip is booked: " + String.join("; ", results) + ".");
    }

    private ToolExecutionRequest call(String tool, String arguments) {
        // An id as a provider would make one up, but from the call itself, so that every run agrees.
        return ToolExecutionRequest.builder().id("call-" + Integer.toHexString(arguments.hashCode())).name(tool)
                .arguments(arguments).build();
    }

    /** The trip's price: the sum of the "EUR x" each booking ended with. */
    private static double total(List<String> bookings) {
        double total = 0;
        for (String booking : bookings) {
            total += Double.parseDouble(booking.substring(booking.lastIndexOf("EUR ") + 4));
        }
        return total;
    }
}
