package org.breakpilot.testhost;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;
import org.breakpilot.checkpoint.api.Redact;
import org.breakpilot.checkpoint.api.SessionId;

/**
 * A host application for the agent's integration tests: it calls annotated methods of every shape
 * and prints what they return or throw, so a run with the agent can be compared with one without.
 * Lines starting {@code facade.} print what the {@code Checkpoints} facade answers, which differs with
 * an agent by design. Arguments: the directory of a guest class to load in other class loaders, the
 * api jar for the child-first one, and a jar nesting the guest for the nested-jar one.
 */
public class ShapesHost {

    private int counter;

    @Checkpoint
    static int add(int a, int b) {
        return a + b;
    }

    @Checkpoint("instance.increment")
    int increment(int by) {
        counter += by;
        return counter;
    }

    @Checkpoint
    private String privateEcho(String text) {
        return "echo:" + text;
    }

    @Checkpoint
    final long finalSquare(long x) {
        return x * x;
    }

    @Checkpoint
    synchronized int synchronizedHoldsLock() {
        return Thread.holdsLock(this) ? 1 : 0;
    }

    @Checkpoint
    static int varargsSum(int... values) {
        int sum = 0;
        for (int v : values) {
            sum += v;
        }
        return sum;
    }

    @Checkpoint
    static <T extends Comparable<T>> T genericMax(List<T> values) {
        T max = values.get(0);
        for (T v : values) {
            max = v.compareTo(max) > 0 ? v : max;
        }
        return max;
    }

    @Checkpoint
    static double[] arrayReturn(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i / 2.0;
        }
        return out;
    }

    @Checkpoint
    static void voidMethod(List<String> sink) {
        sink.add("void ran");
    }

    @Checkpoint
    static int recursiveFactorial(int n) {
        return n <= 1 ? 1 : n * recursiveFactorial(n - 1);
    }

    @Checkpoint
    static String throwsUnchecked(String why) {
        throw new IllegalStateException("unchecked: " + why);
    }

    @Checkpoint
    static String throwsChecked(String why) throws Exception {
        throw new Exception("checked: " + why);
    }

    @Checkpoint
    static String inSession(@SessionId String session, String step) {
        return session + "/" + step;
    }

    @Checkpoint
    static String login(String user, String password, @Redact String pin) {
        return user + " logged in";
    }

    @Checkpoint(args = false, result = false, metadata = {"team=core", "tier = gold"})
    static String nothingCaptured(String secretish) {
        return "not captured";
    }

    @Checkpoint(when = Checkpoint.When.BOTH)
    static int bothEnds(int x) {
        return x + 1;
    }

    interface Greeter {
        @Checkpoint
        default String greet(String name) {
            return "hello " + name;
        }
    }

    record Point(int x, int y) {
        @Checkpoint
        Point shifted(int dx) {
            return new Point(x + dx, y);
        }
    }

    enum Mode {
        FAST;

        @Checkpoint
        String describe() {
            return name().toLowerCase();
        }
    }

    class Inner {
        @Checkpoint
        int innerDouble(int v) {
            return v * 2;
        }
    }

    /** Every public method this type declares is a checkpoint. */
    @Checkpoint
    public static class WholeType {
        public String publicOne() {
            return "one";
        }

        String packagePrivateIsNot() {
            return "skipped";
        }
    }

    public static void main(String[] args) throws Exception {
        ShapesHost host = new ShapesHost();
        print("add", add(2, 3));
        print("increment", host.increment(5));
        print("privateEcho", host.privateEcho("hi"));
        print("finalSquare", host.finalSquare(7));
        print("synchronizedHoldsLock", host.synchronizedHoldsLock());
        print("varargsSum", varargsSum(1, 2, 3));
        print("genericMax", genericMax(List.of("pear", "apple", "zebra")));
        print("arrayReturn", java.util.Arrays.toString(arrayReturn(3)));
        List<String> sink = new ArrayList<>();
        voidMethod(sink);
        print("voidMethod", sink);
        print("recursiveFactorial", recursiveFactorial(5));
        printThrown("throwsUnchecked", () -> throwsUnchecked("boom"));
        printThrown("throwsChecked", () -> throwsChecked("bang"));
        print("inSession", inSession("order-7", "pay"));
        try (Checkpoints.Scope scope = Checkpoints.session("scoped")) {
            print("scoped", add(10, 20));
            print("facade.current", Checkpoints.current().orElse("<none>"));
        }
        print("login", login("ada", "hunter2", "1234"));
        print("nothingCaptured", nothingCaptured("x"));
        print("bothEnds", bothEnds(41));
        print("greet", new Greeter() { }.greet("bob"));
        print("shifted", new Point(1, 2).shifted(3));
        print("describe", Mode.FAST.describe());
        print("innerDouble", host.new Inner().innerDouble(21));
        print("anonymous", new Object() {
            @Checkpoint
            String anonymousMethod() {
                return "anon";
            }
        }.anonymousMethod());
        print("publicOne", new WholeType().publicOne());
        print("packagePrivateIsNot", new WholeType().packagePrivateIsNot());
        print("facade.handMade", Checkpoints.create("hand_made", Map.of("k", "v")).isPresent());
        print("facade.summary", Checkpoints.summaryJson("order-7").map(s -> s.contains("\"total_count\": 1")).orElse(false));
        print("facade.export", Checkpoints.exportJson("no-such-session").isPresent());
        if (args.length > 1) {
            print("isolatedLoader", runGuest(args[0]));
            print("childFirstLoader", runChildFirstGuest(args[0], args[1]));
        }
        if (args.length > 2) {
            print("nestedJarLoader", runNestedJarGuest(args[2]));
        }
        ThrowingShapes.run();
        CallbackShapes.run();
    }

    private static Object runGuest(String classDirectory) throws Exception {
        URL[] urls = {new File(classDirectory).toURI().toURL()};
        // A loader whose parent knows none of the application's classes: only the bootstrap
        // dispatcher can connect its instrumented guest to the agent.
        try (URLClassLoader isolated = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> guest = isolated.loadClass("org.breakpilot.testhost.IsolatedGuest");
            Object instance = guest.getDeclaredConstructor().newInstance();
            return guest.getMethod("work", String.class).invoke(instance, "parcel") + " from "
                    + (guest.getClassLoader() == isolated ? "isolated loader" : "wrong loader");
        }
    }

    private static Object runChildFirstGuest(String classDirectory, String apiJar) throws Exception {
        URL[] urls = {new File(classDirectory).toURI().toURL(), new File(apiJar).toURI().toURL()};
        // Child-first, with its own copy of the api jar: the guest's @Checkpoint is a different class
        // from the application's, and is still recognised by name.
        try (ChildFirstLoader childFirst = new ChildFirstLoader(urls, ShapesHost.class.getClassLoader())) {
            Class<?> guest = childFirst.loadClass("org.breakpilot.testhost.IsolatedGuest");
            Class<?> annotation = childFirst.loadClass(Checkpoint.class.getName());
            Object instance = guest.getDeclaredConstructor().newInstance();
            return guest.getMethod("work", String.class).invoke(instance, "crate") + " with "
                    + (annotation != Checkpoint.class ? "its own annotation copy" : "the shared annotation");
        }
    }

    private static Object runNestedJarGuest(String outerJar) throws Exception {
        // Its parent is the application's loader, so the guest's @Checkpoint resolves there; its own
        // class file exists only as bytes inside a nested jar.
        NestedJarLoader nested = new NestedJarLoader(java.nio.file.Path.of(outerJar), ShapesHost.class.getClassLoader());
        Class<?> guest = nested.loadClass("org.breakpilot.testhost.IsolatedGuest");
        Object instance = guest.getDeclaredConstructor().newInstance();
        return guest.getMethod("work", String.class).invoke(instance, "pallet") + " from "
                + (guest.getClassLoader() == nested ? "a nested jar" : "the wrong loader");
    }

    /** A call that may throw anything. */
    interface Call {
        Object run() throws Exception;
    }

    static void print(String label, Object value) {
        System.out.println(label + " = " + value);
    }

    /** Prints what {@code call} returns, or all of what it threw: message, frames, causes, suppressed. */
    static void printThrown(String label, Call call) {
        try {
            print(label, call.run());
        } catch (Exception | Error e) {
            System.out.print(label + " threw ");
            e.printStackTrace(System.out);
        }
    }
}
