package org.breakpilot.samples.orders;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /orders?item=&quantity=} places an order; {@code GET /orders/count} says how many there are. */
@RestController
class OrderController {

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping("/orders")
    PlacedOrder place(@RequestParam String item, @RequestParam int quantity) {
        return orders.placeOrder(item, quantity);
    }

    @GetMapping("/orders/count")
    long count() {
        return orders.count();
    }
}
