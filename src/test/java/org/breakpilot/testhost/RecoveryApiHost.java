package org.breakpilot.testhost;

import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * Uses the api facade's recovery calls. {@code first}: records five checkpoints in {@code api-job},
 * reads them back, rewinds to the third and forks at the second. {@code second} (a later run on the
 * same journal): prints what was restored and records one more.
 */
public class RecoveryApiHost {

    public static void main(String[] args) {
        try (Checkpoints.Scope scope = Checkpoints.session("api-job")) {
            if (args[0].equals("first")) {
                for (int i = 1; i <= 5; i++) {
                    Checkpoints.create("step", Map.of("i", i));
                }
                System.out.println("latest " + Checkpoints.latest("api-job", "step").map(c -> c.get("id")).orElse("none"));
                System.out.println("rollbackTo " + Checkpoints.rollbackTo("api-job", "api-job:2").orElse(Map.of()));
                System.out.println("rollbackTo unknown " + Checkpoints.rollbackTo("api-job", "api-job:99").isPresent());
                System.out.println("rewindTo " + Checkpoints.rewindTo("api-job", "api-job:3"));
                System.out.println("rewindTo unknown " + Checkpoints.rewindTo("api-job", "api-job:99"));
                System.out.println("fork " + Checkpoints.fork("api-job", "api-job:2", "api-fork"));
                System.out.println("fork again " + Checkpoints.fork("api-job", "api-job:2", "api-fork"));
            } else {
                System.out.println("next " + Checkpoints.create("step", Map.of("i", 6)).orElse("none"));
            }
            System.out.println("history api-job " + ids(Checkpoints.history("api-job")));
            System.out.println("history api-fork " + ids(Checkpoints.history("api-fork")));
        }
    }

    private static List<Object> ids(List<Map<String, Object>> history) {
        return history.stream().map(checkpoint -> checkpoint.get("id")).toList();
    }
}
