package org.breakpilot.samples.orders;

import jakarta.annotation.PreDestroy;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Closes the day's ledger when the application shuts down: a checkpoint made during shutdown. */
@Component
public class OrderLedger {

    private static final Logger log = LoggerFactory.getLogger(OrderLedger.class);

    private final JdbcTemplate jdbc;

    OrderLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @PreDestroy
    void onShutdown() {
        close();
    }

    @Checkpoint("ledger.close")
    public long close() {
        long orders = jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class);
        log.info("ledger closed with {} orders", orders);
        return orders;
    }
}
