package org.breakpilot.samples.orders;

import java.sql.PreparedStatement;
import java.sql.Statement;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders in one transaction each ({@code @Transactional}: callers get a CGLIB proxy of this class).
 * {@code orders.place} calls {@code pricing.quote} (a nested checkpoint) and waits for
 * {@code mail.confirmation}, which runs {@code @Async} on another thread.
 */
@Service
@Transactional
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    private final JdbcTemplate jdbc;
    private final PricingService pricing;
    private final ConfirmationMailer mailer;

    OrderService(JdbcTemplate jdbc, PricingService pricing, ConfirmationMailer mailer) {
        this.jdbc = jdbc;
        this.pricing = pricing;
        this.mailer = mailer;
    }

    @Checkpoint("orders.place")
    public PlacedOrder placeOrder(String item, int quantity) {
        String conversation = MDC.get(ConversationFilter.MDC_KEY);
        long priceCents = pricing.quote(item, quantity);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO orders (conversation, item, quantity, price_cents) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, conversation);
            insert.setString(2, item);
            insert.setInt(3, quantity);
            insert.setLong(4, priceCents);
            return insert;
        }, key);
        long id = key.getKey().longValue();
        String confirmation = mailer.sendConfirmation(id, item).join();
        log.info("order {} placed in {}: {} x {}, EUR {}.{}", id, conversation, quantity, item, priceCents / 100,
                String.format("%02d", priceCents % 100));
        return new PlacedOrder(id, conversation, item, quantity, priceCents, confirmation);
    }

    @Transactional(readOnly = true)
    public long count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class);
    }
}
