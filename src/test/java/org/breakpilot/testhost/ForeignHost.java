package org.breakpilot.testhost;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host with no dependency on the agent: its own {@link Step} annotation, a class with no annotation
 * at all, and its own (older) Jackson and SLF4J on the class path.
 */
public class ForeignHost {

    private static final Logger LOG = LoggerFactory.getLogger(ForeignHost.class);

    /** Marked with the application's own annotation. */
    public static class Pipeline {
        @Step("pipeline.fetch")
        public String fetch(String source) {
            return "rows from " + source;
        }

        public String store(String rows) {
            return "stored " + rows;
        }

        public String notSelected() {
            return "not selected";
        }
    }

    public static void main(String[] args) throws Exception {
        Pipeline pipeline = new Pipeline();
        System.out.println(pipeline.fetch("db"));
        System.out.println(pipeline.store("r1"));
        System.out.println(pipeline.notSelected());
        ObjectMapper mapper = new ObjectMapper();
        System.out.println("jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION + " wrote "
                + mapper.writeValueAsString(Map.of("k", 1)));
        LOG.info("host logging through its own SLF4J {}", LoggerFactory.class.getPackage().getImplementationVersion());
    }
}
