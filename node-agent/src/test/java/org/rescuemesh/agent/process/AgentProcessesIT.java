package org.rescuemesh.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three agents as separate processes of the real {@code node-agent.jar}: after kill -9 of one,
 * the other two report it dead in their local API within 30 s.
 */
class AgentProcessesIT {

    static final Path JAR = Path.of("target", "node-agent.jar");
    final List<Process> processes = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final ObjectMapper json = new ObjectMapper();

    /**
     * {@code n} distinct ports free for both TCP and UDP, below Linux's ephemeral range (32768+)
     * so that no outgoing connection of the agents themselves (push-pull, the test's HTTP client)
     * can take one between this check and the agent's bind. Sockets stay open until all are
     * picked, so no port is handed out twice.
     */
    static int[] freePorts(int n) throws IOException {
        List<java.io.Closeable> held = new ArrayList<>();
        int[] ports = new int[n];
        int candidate = 20_000 + new java.util.Random().nextInt(10_000);
        try {
            for (int i = 0; i < n; candidate++) {
                if (candidate >= 32_000) {
                    candidate = 20_000;
                }
                try {
                    ServerSocket tcp = new ServerSocket(candidate, 1, java.net.InetAddress.getLoopbackAddress());
                    held.add(tcp);
                    held.add(new java.net.DatagramSocket(candidate, java.net.InetAddress.getLoopbackAddress()));
                    ports[i++] = candidate;
                } catch (IOException busy) {
                    // taken on one protocol: try the next number
                }
            }
            return ports;
        } finally {
            for (java.io.Closeable c : held) {
                c.close();
            }
        }
    }

    Process agent(String id, int gossip, int api, int seedPort, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx48m", "-jar", JAR.toString(), "run",
                "--id", id, "--team", "it", "--bind", "127.0.0.1:" + gossip, "--api", "127.0.0.1:" + api,
                "--position", "static:11.2,124.9", "--data-dir", Path.of("target", "it-data", id).toString()));
        if (seedPort > 0) {
            cmd.add("--seeds");
            cmd.add("127.0.0.1:" + seedPort);
        }
        cmd.addAll(extraFlags());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    Path keyFile;

    /** Every agent of the test seals its frames under the same mission key. */
    List<String> extraFlags() {
        return List.of("--key-file", keyFile.toString());
    }

    JsonNode members(int api) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/api/v1/members"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readTree(r.body());
    }

    static String status(JsonNode members, String id) {
        for (JsonNode m : members) {
            if (id.equals(m.get("id").asText())) {
                return m.get("status").asText();
            }
        }
        return null;
    }

    @AfterEach
    void kill() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void killedAgentIsReportedDeadByTheOthersWithin30s() throws Exception {
        assertThat(JAR).as("run after package: %s", JAR.toAbsolutePath()).exists();
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        keyFile = Files.writeString(logs.resolve("mission.key"), java.util.Base64.getEncoder().encodeToString(key) + "\n");
        int[] ports = freePorts(6);
        int g1 = ports[0], g2 = ports[1], g3 = ports[2];
        int a1 = ports[3], a2 = ports[4], a3 = ports[5];
        agent("it-1", g1, a1, 0, logs.resolve("it-1.log"));
        agent("it-2", g2, a2, g1, logs.resolve("it-2.log"));
        Process victim = agent("it-3", g3, a3, g1, logs.resolve("it-3.log"));

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            for (int api : new int[]{a1, a2}) {
                JsonNode m = members(api);
                assertThat(status(m, "it-1")).isEqualTo("alive");
                assertThat(status(m, "it-2")).isEqualTo("alive");
                assertThat(status(m, "it-3")).isEqualTo("alive");
            }
        });

        victim.destroyForcibly().waitFor();   // SIGKILL: no leave message
        long killedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(status(members(a1), "it-3")).isEqualTo("dead");
            assertThat(status(members(a2), "it-3")).isEqualTo("dead");
        });
        System.out.printf("it-3 declared dead by both survivors %.1f s after kill -9%n", (System.nanoTime() - killedAt) / 1e9);
        assertThat(status(members(a1), "it-2")).isEqualTo("alive");
    }
}
