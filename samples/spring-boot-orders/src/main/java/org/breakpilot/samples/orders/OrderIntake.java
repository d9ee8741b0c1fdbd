package org.breakpilot.samples.orders;

import org.breakpilot.checkpoint.api.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Opens order intake with the application and closes it first when it stops: a checkpoint made in {@code stop}. */
@Component
public class OrderIntake implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    @Override
    @Checkpoint("intake.stop")
    public void stop() {
        running = false;
        log.info("order intake stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
