package org.breakpilot.testhost;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;
import org.breakpilot.checkpoint.api.SessionId;

/**
 * Hands work to other threads in every way the JDK offers, each in a session scope named for the way:
 * every call of {@code work(label)} should be recorded in session {@code label}, except the calls
 * labelled {@code unscoped}, made outside any scope, which belong to the default session. Prints each
 * result, the same with and without the agent.
 */
public class ScopeFollowingHost {

    @Checkpoint("work")
    static String work(String label) {
        return label + " done";
    }

    @Checkpoint("order.place")
    static String placeOrder(@SessionId String orderId) {
        return work(orderId);
    }

    @Checkpoint(value = "order.entered", when = Checkpoint.When.ENTRY)
    static String enterOrder(@SessionId String orderId) {
        return work(orderId);
    }

    @Checkpoint("order.refused")
    static void refuseOrder(@SessionId String orderId) {
        work(orderId);
        throw new IllegalStateException("refused " + orderId);
    }

    /** Sums 1..n by forking halves down to single numbers, recording each leaf. */
    static final class Sum extends RecursiveTask<Integer> {
        private final String label;
        private final int from;
        private final int to;

        Sum(String label, int from, int to) {
            this.label = label;
            this.from = from;
            this.to = to;
        }

        @Override
        protected Integer compute() {
            if (from == to) {
                work(label);
                return from;
            }
            int middle = (from + to) / 2;
            Sum left = new Sum(label, from, middle);
            left.fork();
            return new Sum(label, middle + 1, to).compute() + left.join();
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println(placeOrder("order-7"));
        // The scopes of calls recorded at entry only, or that throw, end with the call too.
        System.out.println(enterOrder("order-8"));
        try {
            refuseOrder("order-9");
        } catch (IllegalStateException refused) {
            System.out.println(refused.getMessage());
        }
        System.out.println(work("unscoped"));
        ExecutorService pool = Executors.newFixedThreadPool(2, daemon -> {
            Thread thread = new Thread(daemon);
            thread.setDaemon(true);
            return thread;
        });
        try (Checkpoints.Scope scope = Checkpoints.session("tpe-submit")) {
            System.out.println(pool.submit(() -> work("tpe-submit")).get());
        }
        try (Checkpoints.Scope scope = Checkpoints.session("tpe-execute")) {
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(() -> {
                work("tpe-execute");
                done.countDown();
            });
            done.await();
        }
        scheduled();
        forkJoin();
        completableFutures(pool);
        noStaleScope();
        virtualThreads();
        pool.shutdown();
    }

    private static void scheduled() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Checkpoints.Scope scope = Checkpoints.session("scheduled")) {
            System.out.println(scheduler.schedule(() -> work("scheduled"), 1, TimeUnit.MILLISECONDS).get());
            CountDownLatch twice = new CountDownLatch(2);
            ScheduledFuture<?> repeating = scheduler.scheduleAtFixedRate(() -> {
                if (twice.getCount() > 0) {
                    work("scheduled");
                    twice.countDown();
                }
            }, 0, 1, TimeUnit.MILLISECONDS);
            twice.await();
            repeating.cancel(false);
        }
        scheduler.shutdown();
    }

    private static void forkJoin() {
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        try (Checkpoints.Scope scope = Checkpoints.session("fork-join")) {
            System.out.println("fork-join sum " + forkJoin.invoke(new Sum("fork-join", 1, 4)));
            System.out.println(forkJoin.submit(() -> work("fork-join")).join());
        }
        try (Checkpoints.Scope scope = Checkpoints.session("common-pool")) {
            System.out.println("common-pool sum " + new Sum("common-pool", 1, 3).fork().join());
        }
        forkJoin.shutdown();
    }

    private static void completableFutures(ExecutorService pool) {
        try (Checkpoints.Scope scope = Checkpoints.session("supply-async")) {
            System.out.println(CompletableFuture.supplyAsync(() -> work("supply-async")).join());
            CompletableFuture.runAsync(() -> work("supply-async")).join();
        }
        try (Checkpoints.Scope scope = Checkpoints.session("supply-async-given")) {
            System.out.println(CompletableFuture.supplyAsync(() -> work("supply-async-given"), pool).join());
        }
        CompletableFuture<String> later = new CompletableFuture<>();
        CompletableFuture<String> applied;
        try (Checkpoints.Scope scope = Checkpoints.session("then-apply-async")) {
            applied = later.thenApplyAsync(ScopeFollowingHost::work);
        }
        // Completed outside the scope, on this thread: the function still runs in the scope it was given in.
        later.complete("then-apply-async");
        System.out.println(applied.join());
    }

    /** A pool thread that ran scoped tasks (one leaving its own scope open) then runs an unscoped one. */
    private static void noStaleScope() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try (Checkpoints.Scope scope = Checkpoints.session("stale")) {
            System.out.println(single.submit(() -> work("stale")).get());
        }
        single.submit(() -> Checkpoints.session("leaked-scope")).get();
        System.out.println(single.submit(() -> work("unscoped")).get());
        single.shutdown();
    }

    /** Virtual threads, where the JDK has them (21+); reflectively, as this class is compiled for 17. */
    private static void virtualThreads() throws Exception {
        if (Runtime.version().feature() < 21) {
            return;
        }
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        try (Checkpoints.Scope scope = Checkpoints.session("virtual")) {
            Thread thread = (Thread) start.invoke(builder, (Runnable) () -> work("virtual"));
            thread.join();
            ExecutorService perTask = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null);
            List<Callable<String>> tasks = new ArrayList<>(List.of(() -> work("virtual"), () -> work("virtual")));
            for (var result : perTask.invokeAll(tasks)) {
                System.out.println(result.get());
            }
            perTask.execute(() -> work("virtual"));
            perTask.shutdown();
            perTask.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
