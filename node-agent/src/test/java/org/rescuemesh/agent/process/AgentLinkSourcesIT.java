package org.rescuemesh.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
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
 * The real {@code node-agent.jar run} with {@code --link-source batctl --link-command 'cat
 * FIXTURE'}: alpha's recorded batman-adv table names bravo's gossiped MAC, so alpha's local API
 * shows bravo's TQ; charlie's link command fails every run and charlie stays a working member.
 */
class AgentLinkSourcesIT {

    final List<Process> processes = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void kill() {
        processes.forEach(Process::destroyForcibly);
    }

    Process agent(String id, int gossip, int api, int seedPort, Path log, String... extra) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx48m", "-jar", AgentProcessesIT.JAR.toString(), "run",
                "--id", id, "--bind", "127.0.0.1:" + gossip, "--api", "127.0.0.1:" + api,
                "--data-dir", Path.of("target", "it-data", id).toString()));
        if (seedPort > 0) {
            cmd.add("--seeds");
            cmd.add("127.0.0.1:" + seedPort);
        }
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    JsonNode get(int api, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + path))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readTree(r.body());
    }

    static JsonNode member(JsonNode members, String id) {
        for (JsonNode m : members) {
            if (id.equals(m.get("id").asText())) {
                return m;
            }
        }
        throw new AssertionError("no member " + id);
    }

    @Test
    void batctlTqOfAGossipedMacShowsForThatPeerAndAFailingCommandIsHarmless() throws Exception {
        assertThat(AgentProcessesIT.JAR).as("run after package").exists();
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        Path fixture = logs.resolve("batctl-o-batman-iv.txt");
        try (InputStream in = getClass().getResourceAsStream("/link/batctl-o-batman-iv.txt")) {
            Files.write(fixture, in.readAllBytes());
        }
        int[] ports = AgentProcessesIT.freePorts(6);
        agent("alpha", ports[0], ports[3], 0, logs.resolve("link-alpha.log"),
                "--mesh-mac", "02:ba:7a:df:00:01", "--link-source", "batctl",
                "--link-command", "cat " + fixture.toAbsolutePath(), "--link-interval-ms", "1000");
        agent("bravo", ports[1], ports[4], ports[0], logs.resolve("link-bravo.log"), "--mesh-mac", "02:ba:7a:df:00:02");
        agent("charlie", ports[2], ports[5], ports[0], logs.resolve("link-charlie.log"),
                "--mesh-mac", "02:ba:7a:df:00:77", "--link-source", "iw", "--link-command", "false",
                "--link-interval-ms", "500");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            JsonNode b = member(get(ports[3], "/api/v1/members"), "bravo");
            assertThat(b.get("status").asText()).isEqualTo("alive");
            assertThat(b.get("batmanTq").asInt()).isEqualTo(251);
            assertThat(b.get("macs").get(0).asText()).isEqualTo("02:ba:7a:df:00:02");
            JsonNode c = member(get(ports[3], "/api/v1/members"), "charlie");
            assertThat(c.get("status").asText()).isEqualTo("alive");
            assertThat(c.get("radio").isNull()).as("charlie's MAC is not in alpha's table").isTrue();
        });
        JsonNode alphaSources = get(ports[3], "/api/v1/self").get("linkSources");
        assertThat(alphaSources.get("unknownMacs").toString()).contains("02:ba:7a:df:00:03");

        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
            JsonNode charlie = get(ports[5], "/api/v1/self");
            assertThat(charlie.get("meshMacs").get(0).asText()).isEqualTo("02:ba:7a:df:00:77");
            assertThat(charlie.get("linkSources").get("tools").get(0).get("failed").asLong()).isGreaterThan(2);
            assertThat(member(get(ports[5], "/api/v1/members"), "alpha").get("status").asText()).isEqualTo("alive");
        });
        for (Process p : processes) {
            assertThat(p.isAlive()).isTrue();
        }
    }
}
