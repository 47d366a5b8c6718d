package org.rescuemesh.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code node-agent.jar} with sealed frames: an agent killed with SIGKILL right after answering 202 to a
 * message still has it when restarted on the same data directory, and delivers it to the
 * recipient once that one joins.
 */
class MessagesProcessIT {

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void kill() {
        processes.forEach(Process::destroyForcibly);
    }

    private Path keyFile;

    private Process agent(String id, int gossip, int api, int seedPort, Path data, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx48m", "-jar", AgentProcessesIT.JAR.toString(), "run",
                "--id", id, "--team", "it", "--bind", "127.0.0.1:" + gossip, "--api", "127.0.0.1:" + api,
                "--data-dir", data.toString(), "--key-file", keyFile.toString()));
        if (seedPort > 0) {
            cmd.add("--seeds");
            cmd.add("127.0.0.1:" + seedPort);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(int api, String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + path)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void messageAcceptedBeforeKillMinus9IsDeliveredByTheRestartedAgent() throws Exception {
        assertThat(AgentProcessesIT.JAR).as("run after package: %s", AgentProcessesIT.JAR.toAbsolutePath()).exists();
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        keyFile = Files.writeString(logs.resolve("messages.key"), java.util.Base64.getEncoder().encodeToString(key) + "\n");
        Path data = Path.of("target", "it-data", "messages-sender");
        if (Files.exists(data)) {
            try (Stream<Path> old = Files.walk(data)) {
                old.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        int[] ports = AgentProcessesIT.freePorts(5);
        Process sender = agent("msg-a", ports[0], ports[1], 0, data, logs.resolve("msg-a.log"));
        int api = ports[1];
        String body = "{\"to\":\"node:msg-c\",\"text\":\"casualty at grid 4411\",\"priority\":\"sos\"}";
        HttpResponse<String> accepted = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                () -> send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/api/v1/messages"))
                        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))),
                r -> r.statusCode() == 202);
        String id = json.readTree(accepted.body()).get("id").asText();
        sender.destroyForcibly().waitFor();   // SIGKILL right after the 202

        agent("msg-a", ports[2], api, 0, data, logs.resolve("msg-a-restarted.log"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(get(api, "/api/v1/messages/" + id).get("state").asText()).isEqualTo("accepted"));

        agent("msg-c", ports[3], ports[4], ports[2], Path.of("target", "it-data", "messages-recipient-" + ports[3]),
                logs.resolve("msg-c.log"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(get(api, "/api/v1/messages/" + id).get("state").asText()).isEqualTo("delivered"));
        JsonNode in = get(ports[4], "/api/v1/messages?direction=in");
        assertThat(in).hasSize(1);
        assertThat(in.get(0).get("text").asText()).isEqualTo("casualty at grid 4411");
        assertThat(in.get(0).get("from").asText()).isEqualTo("msg-a");
    }
}
