package org.breakpilot.samples.orders;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Puts the request's {@code X-Conversation-Id} header into the MDC as {@code conversationId}, for its extent. */
@Component
class ConversationFilter extends OncePerRequestFilter {

    static final String MDC_KEY = "conversationId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String conversation = request.getHeader("X-Conversation-Id");
        if (conversation == null) {
            chain.doFilter(request, response);
            return;
        }
        MDC.put(MDC_KEY, conversation);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
