package org.breakpilot.samples.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * An order service as Spring Boot users write one: a REST endpoint, a {@code @Transactional} service behind
 * a CGLIB proxy, an {@code @Async} mailer on Boot's task executor, and beans that finish their work when
 * the application shuts down gracefully. Its steps are {@code @Checkpoint} methods; under the agent with
 * {@code sessionFrom=mdc:conversationId} each request's checkpoints go to the conversation its
 * {@code X-Conversation-Id} header names.
 */
@SpringBootApplication
@EnableAsync
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
