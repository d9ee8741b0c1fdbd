package org.breakpilot.checkpoint.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What we read comes from files and JMX clients we do not control: no Java deserialization and no
 * polymorphic typing anywhere in the agent's sources, so no input can name a class to instantiate.
 */
class NoDeserializationTest {

    // @JsonTypeInfo as used (annotated or imported), not as a name: capture recognises it by name on the
    // application's classes, as Jackson does, to lay out their properties, and types nothing by it.
    private static final List<String> FORBIDDEN = List.of("ObjectInputStream", "readObject(", "XMLDecoder",
            "enableDefaultTyping", "activateDefaultTyping", "@JsonTypeInfo", "annotation.JsonTypeInfo;",
            "PolymorphicTypeValidator");

    @Test
    void theSourcesUseNoDeserializationOrPolymorphicTyping() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source, StandardCharsets.UTF_8);
                for (String forbidden : FORBIDDEN) {
                    if (text.contains(forbidden)) {
                        found.add(source + ": " + forbidden);
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
