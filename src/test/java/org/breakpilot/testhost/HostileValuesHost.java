package org.breakpilot.testhost;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.SessionId;

/**
 * A host that hands an annotated method values that are hard to capture, each as an argument and as
 * the result: a bean whose getters throw, cyclic graphs, a 10 MB string, million-element collections,
 * and collections another thread changes while the calls are recorded. It prints only what the
 * application itself sees, which must not change with the agent. Each value's calls are in their own
 * session, named by the first argument.
 */
public final class HostileValuesHost {

    static final int MILLION = 1_000_000;
    static final int MUTATED_CALLS = 200;

    private HostileValuesHost() {
    }

    /** Returns what it was given. */
    @Checkpoint
    static <T> T echo(@SessionId String kind, T value) {
        return value;
    }

    /** A bean with a readable property and getters that throw. */
    public static final class ThrowingBean {
        public String getName() {
            return "bean";
        }

        public int getUnchecked() {
            throw new IllegalStateException("unchecked getter");
        }

        public String getChecked() throws IOException {
            throw new IOException("checked getter");
        }
    }

    /** A node of a linked graph, which may loop back. */
    public static final class Node {
        private final String name;
        private Node next;

        Node(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        public Node getNext() {
            return next;
        }
    }

    public static void main(String[] args) throws Exception {
        ThrowingBean bean = new ThrowingBean();
        System.out.println("throwingBean same = " + (echo("throwing-bean", bean) == bean));

        Node a = new Node("a");
        Node b = new Node("b");
        a.next = b;
        b.next = a;
        System.out.println("cyclicGraph same = " + (echo("cyclic-graph", a) == a)
                + ", loop intact = " + (a.next.next == a));
        List<Object> selfList = new ArrayList<>();
        selfList.add("first");
        selfList.add(selfList);
        System.out.println("cyclicList same = " + (echo("cyclic-list", selfList) == selfList));
        Map<String, Object> selfMap = new HashMap<>();
        selfMap.put("self", selfMap);
        System.out.println("cyclicMap same = " + (echo("cyclic-map", selfMap) == selfMap));

        String huge = "x".repeat(10 * 1024 * 1024);
        System.out.println("hugeString length = " + echo("huge-string", huge).length());
        List<Integer> bigList = new ArrayList<>(MILLION);
        Map<Integer, Integer> bigMap = new HashMap<>(2 * MILLION);
        for (int i = 0; i < MILLION; i++) {
            bigList.add(i);
            bigMap.put(i, i);
        }
        System.out.println("bigList size = " + echo("big-list", bigList).size());
        System.out.println("bigMap size = " + echo("big-map", bigMap).size());

        mutatedWhileCaptured();
    }

    /**
     * Another thread adds and removes elements and entries while the collections are passed to and
     * returned from the annotated method; the changes cancel out, so the end state is known.
     */
    private static void mutatedWhileCaptured() throws InterruptedException {
        List<Integer> list = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        Map<Integer, String> map = new HashMap<>(Map.of(1, "one", 2, "two", 3, "three"));
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch mutating = new CountDownLatch(1);
        Thread mutator = new Thread(() -> {
            mutating.countDown();
            for (int i = 0; !stop.get(); i++) {
                list.add(i);
                map.put(100 + i % 8, "changing");
                list.remove(list.size() - 1);
                map.remove(100 + i % 8);
            }
        }, "mutator");
        mutator.start();
        mutating.await();
        int sameList = 0;
        int sameMap = 0;
        for (int call = 0; call < MUTATED_CALLS; call++) {
            sameList += echo("mutated-list", list) == list ? 1 : 0;
            sameMap += echo("mutated-map", map) == map ? 1 : 0;
        }
        stop.set(true);
        mutator.join();
        System.out.println("mutatedList same = " + sameList + "/" + MUTATED_CALLS + ", ends as " + list);
        System.out.println("mutatedMap same = " + sameMap + "/" + MUTATED_CALLS + ", ends as " + map);
    }
}
