package org.breakpilot.checkpoint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.breakpilot.checkpoint.agent.bootstrap.Dispatcher;
import org.junit.jupiter.api.Test;

/**
 * The facade reaches the dispatcher by name and type, the one link across the bootstrap boundary that
 * the compiler cannot check: a renamed or retyped dispatcher method must fail here, not silently turn
 * every facade call into a no-op in production.
 */
class AgentBridgeTest {

    @Test
    void everyEntryOfTheBridgeFindsItsDispatcherMethod() throws Exception {
        Checkpoints.AgentBridge bridge = new Checkpoints.AgentBridge(Dispatcher.class);

        Set<String> linked = new TreeSet<>();
        for (Field field : Checkpoints.AgentBridge.class.getDeclaredFields()) {
            if (field.getType() == MethodHandle.class && !Modifier.isStatic(field.getModifiers())) {
                assertNotNull(field.get(bridge), field.getName());
                linked.add(field.getName());
            }
        }
        Set<String> facadeTargets = new TreeSet<>();
        Arrays.stream(Dispatcher.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers()))
                .map(java.lang.reflect.Method::getName)
                .filter(linked::contains)
                .forEach(facadeTargets::add);
        assertEquals(linked, facadeTargets, "each bridge entry is a public static method of the dispatcher");
        assertEquals(12, linked.size(), "the facade's entry points: " + linked);
    }
}
