package org.breakpilot.samples.orders;

import java.util.concurrent.CompletableFuture;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/** Sends order confirmations on Boot's task executor ({@code @Async}), off the request's thread. */
@Service
public class ConfirmationMailer {

    @Async
    @Checkpoint("mail.confirmation")
    public CompletableFuture<String> sendConfirmation(long orderId, String item) {
        return CompletableFuture.completedFuture("confirmation of order " + orderId + " (" + item + ") sent");
    }
}
