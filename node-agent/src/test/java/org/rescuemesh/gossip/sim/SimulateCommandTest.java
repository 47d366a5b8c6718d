package org.rescuemesh.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rescuemesh.agent.cli.AgentMain;

class SimulateCommandTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = AgentMain.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void printsOneJsonObjectWithTheFigures() {
        Result r = run("simulate", "--nodes", "40", "--profile", "lan", "--loss", "0.05", "--kill", "1",
                "--burst-loss", "0.01:0.3:0.7", "--asymmetric", "0.1:0.2", "--latency-ms", "3",
                "--seed", "5", "--duration-s", "90", "--threads", "2");
        assertThat(r.code()).isZero();
        assertThat(r.err()).as("nothing on stderr, not even picocli warnings").isEmpty();
        String json = r.out().trim();
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        for (String key : new String[] {"convergence_rounds_p99", "detection_s_median", "detection_s_p99",
                "false_dead", "suspect_per_probe", "bytes_per_node_per_s", "max_frame_bytes", "wall_s",
                "node_hours", "udp_bytes_per_node_per_s_by_part"}) {
            assertThat(json).contains("\"" + key + "\":");
        }
        assertThat(json).contains("\"nodes\":40").contains("\"kills_undetected\":0");
    }

    @Test
    void badOptionsGiveAClearErrorWithoutStackTrace() {
        Result loss = run("simulate", "--nodes", "10", "--loss", "1.5", "--duration-s", "10");
        assertThat(loss.code()).isNotZero();
        assertThat(loss.err()).contains("--loss").doesNotContain("Exception").doesNotContain("\tat ");
        Result part = run("simulate", "--nodes", "10", "--partition", "abc", "--duration-s", "10");
        assertThat(part.code()).isNotZero();
        assertThat(part.err()).contains("--partition").doesNotContain("\tat ");
        Result threads = run("simulate", "--nodes", "10", "--threads", "-1", "--duration-s", "10");
        assertThat(threads.code()).isNotZero();
        assertThat(threads.err()).contains("--threads").doesNotContain("\tat ");
        Result profile = run("simulate", "--nodes", "10", "--profile", "wifi6", "--duration-s", "10");
        assertThat(profile.code()).isNotZero();
        assertThat(profile.err()).contains("wifi6");
        Result missing = run("simulate", "--nodes", "10");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("--duration-s");
    }
}
