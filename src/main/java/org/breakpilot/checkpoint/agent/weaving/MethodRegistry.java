package org.breakpilot.checkpoint.agent.weaving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numbers instrumented methods: the advice of each carries its number as a constant, and a call looks
 * its {@link MethodFacts} up by that number in an array. Registration is rare and locked; look-up is a
 * volatile read and an array index.
 */
public final class MethodRegistry {

    private volatile MethodFacts[] facts = new MethodFacts[64];
    private int count;

    /** Registers {@code method} and returns its number. */
    synchronized int register(MethodFacts method) {
        MethodFacts[] current = facts;
        if (count == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        current[count] = method;
        facts = current;
        return count++;
    }

    /** The facts of method {@code id}, or null for a number never handed out. */
    public MethodFacts get(int id) {
        MethodFacts[] current = facts;
        return id >= 0 && id < current.length ? current[id] : null;
    }

    /** Every registered method, in registration order. */
    public synchronized List<MethodFacts> all() {
        return new ArrayList<>(Arrays.asList(facts).subList(0, count));
    }
}
