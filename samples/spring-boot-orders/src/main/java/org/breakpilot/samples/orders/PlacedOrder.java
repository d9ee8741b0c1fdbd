package org.breakpilot.samples.orders;

/** An order as placed: what the endpoint answers and {@code orders.place} records as its result. */
public record PlacedOrder(long id, String conversation, String item, int quantity, long priceCents, String confirmation) {
}
