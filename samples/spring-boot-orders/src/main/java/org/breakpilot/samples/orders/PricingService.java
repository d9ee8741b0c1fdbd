package org.breakpilot.samples.orders;

import org.breakpilot.checkpoint.api.Checkpoint;
import org.springframework.stereotype.Service;

/** Prices an order line; called from inside {@code orders.place}. */
@Service
public class PricingService {

    @Checkpoint("pricing.quote")
    public long quote(String item, int quantity) {
        long unitCents = 250 + 10L * item.length();
        return unitCents * quantity;
    }
}
