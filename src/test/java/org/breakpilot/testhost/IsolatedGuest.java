package org.breakpilot.testhost;

import org.breakpilot.checkpoint.api.Checkpoint;

/** Loaded by {@link ShapesHost} in a class loader that cannot see the application's classes. */
public class IsolatedGuest {

    @Checkpoint("guest.work")
    public String work(String item) {
        return "worked on " + item;
    }
}
