package org.breakpilot.checkpoint.agent.recording;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the sessions idle for the store's {@code sessionIdleMs} out of memory, a few times per that time,
 * on a daemon thread of its own.
 */
public final class IdleSessions extends Thread {

    /** The logger, made on first use: this class is loaded in premain, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(IdleSessions.class);
    }
    private static final long LEAST_PERIOD_MILLIS = 5;
    private static final long LONGEST_PERIOD_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private final SessionRegistry sessions;
    private final long idleMillis;
    private boolean warnedFailing;

    private IdleSessions(SessionRegistry sessions, long idleMillis) {
        super("checkpoint-idle-sessions");
        setDaemon(true);
        this.sessions = sessions;
        this.idleMillis = idleMillis;
    }

    /** Starts unloading idle sessions when the store lets them go ({@code sessionIdleMs} above 0). */
    public static void startIfUnloading(SessionRegistry sessions) {
        long idleMillis = sessions.store().sessionIdleMs();
        if (idleMillis > 0) {
            new IdleSessions(sessions, idleMillis).start();
        }
    }

    @Override
    public void run() {
        long period = Math.min(LONGEST_PERIOD_MILLIS, Math.max(LEAST_PERIOD_MILLIS, idleMillis / 4));
        try {
            while (true) {
                Thread.sleep(period);
                unloadIdle();
            }
        } catch (InterruptedException stopped) {
            // The JVM is ending.
        }
    }

    private void unloadIdle() {
        try {
            int unloaded = sessions.unloadIdle(idleMillis);
            warnedFailing = false;
            if (unloaded > 0 && Log.LOG.isDebugEnabled()) {
                Log.LOG.debug("{} sessions idle for sessionIdleMs={} left memory", unloaded, idleMillis);
            }
        } catch (RuntimeException failed) {
            if (!warnedFailing) {
                warnedFailing = true;
                Log.LOG.warn("Could not unload idle sessions ({}); they stay in memory until a later try succeeds",
                        failed.toString());
            }
        }
    }
}
