package org.rescuemesh.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.coordinator.ingest.IngestClient;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.AssetPositionBatch;
import org.rescuemesh.proto.v1.PublishAck;

/**
 * The durability case with real processes: three {@code coordinator.jar serve} members on
 * loopback, each with its own data directory (as on three machines); agencies' batches go in
 * through two of them while the third is killed with SIGKILL — its database is then cut off
 * mid-write, which {@link ClusterDurabilityTest} (members in one JVM) cannot do. Every
 * acknowledged position must be readable from the survivors, and again after the whole cluster
 * was stopped and started.
 */
class ClusterKillIT {

    static final Path JAR = Path.of("target", "coordinator.jar").toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final String TOKEN = "kill-token";
    static final int ASSETS = 12;
    static final Pattern UP = Pattern.compile("coordinator (cp-[abc]) up: http (\\d+), grpc (\\d+)");

    @TempDir
    Path dir;

    final int basePort = 26000 + (int) (ProcessHandle.current().pid() % 400) * 4;
    final String cluster = "rescuemesh-kill-it-" + ProcessHandle.current().pid();
    final List<Process> processes = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A running member and its ports. */
    record Member(String id, Process process, int httpPort, int grpcPort) {
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    /** Starts the three members at once (each waits for a second one: split-brain protection needs two). */
    List<Member> startAll() throws Exception {
        Path tokens = dir.resolve("tokens.txt");
        Files.writeString(tokens, TOKEN + " test-agency ingest,read\n");
        String all = "127.0.0.1:" + basePort + ",127.0.0.1:" + (basePort + 1) + ",127.0.0.1:" + (basePort + 2);
        List<CompletableFuture<Member>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = "cp-" + (char) ('a' + i);
            Process p = new ProcessBuilder(JAVA, "-Xmx512m", "-jar", JAR.toString(), "serve",
                    "--node-id", id, "--bind-host", "127.0.0.1", "--http-port", "0", "--grpc-port", "0",
                    "--gossip-port", "0", "--cluster-port", String.valueOf(basePort + i), "--cluster-name", cluster,
                    "--cluster-members", all, "--min-cluster-size", "2",
                    "--data-dir", dir.resolve("data-" + id).toString(), "--tokens-file", tokens.toString())
                    .redirectErrorStream(true).start();
            processes.add(p);
            starting.add(awaitUp(id, p));
        }
        List<Member> up = new ArrayList<>();
        for (CompletableFuture<Member> f : starting) {
            up.add(f.get(120, TimeUnit.SECONDS));
        }
        return up;
    }

    @Test
    void acknowledgedPositionsSurviveSigkillOfOneMemberAndAFullRestart() throws Exception {
        assertThat(JAR).as("the shaded jar (run by failsafe after packaging)").exists();
        List<Member> members = startAll();
        Member a = members.get(0);
        Member b = members.get(1);
        Member c = members.get(2);
        Vertx vertx = Vertx.vertx();
        Map<String, Set<Long>> acknowledged = new HashMap<>();
        try {
            IngestClient viaA = new IngestClient(vertx, "127.0.0.1", a.grpcPort(), TOKEN);
            IngestClient viaB = new IngestClient(vertx, "127.0.0.1", b.grpcPort(), TOKEN);
            long t0 = System.currentTimeMillis() - 60_000;
            int batches = 60;
            List<AssetPositionBatch> sent = new ArrayList<>();
            List<Future<PublishAck>> calls = new ArrayList<>();
            for (int k = 0; k < batches; k++) {
                AssetPositionBatch.Builder batch = AssetPositionBatch.newBuilder();
                for (int n = 0; n < ASSETS; n++) {
                    for (int j = 0; j < 3; j++) {
                        batch.addPositions(AssetPosition.newBuilder().setAssetId("vessel-" + n).setKind("boat")
                                .setLat(11 + k * 0.001).setLon(125).setObservedAt(Timestamps.fromMillis(t0 + k * 100L + j * 10L))
                                .build());
                    }
                }
                sent.add(batch.build());
                calls.add((k % 2 == 0 ? viaA : viaB).publishBatch(batch.build()));
                if (k == batches / 2) {
                    c.process().destroyForcibly();
                }
                Thread.sleep(25);
            }
            assertThat(c.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(c.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
            int acked = ClusterDurabilityTest.collectAcknowledged(sent, calls, 90, acknowledged);
            System.out.printf("ClusterKillIT: %d of %d batches acknowledged, %d positions, cp-c killed after batch %d%n",
                    acked, batches, acknowledged.values().stream().mapToInt(Set::size).sum(), batches / 2);
            assertThat(acked).as("batches acknowledged").isGreaterThan(batches / 2);
            viaA.close();
            viaB.close();
        } finally {
            vertx.close().await();
        }
        assertAllAcknowledgedReadable(a, acknowledged);
        assertAllAcknowledgedReadable(b, acknowledged);

        // Full stop (SIGTERM: each survivor closes its member), then all three start again.
        for (Member m : List.of(a, b)) {
            m.process().destroy();
            assertThat(m.process().waitFor(60, TimeUnit.SECONDS)).as(m.id() + " stopped").isTrue();
        }
        processes.clear();
        List<Member> again = startAll();
        assertAllAcknowledgedReadable(again.get(2), acknowledged);
        assertAllAcknowledgedReadable(again.get(0), acknowledged);
    }

    /**
     * Every acknowledged point is in its asset's track and every node entry holds the newest
     * acknowledged observation, read through {@code via}'s REST API. Reads may wait (up to a
     * minute) while the cluster settles after a member left.
     */
    void assertAllAcknowledgedReadable(Member via, Map<String, Set<Long>> acknowledged) {
        assertThat(acknowledged).isNotEmpty();
        Map<String, Set<Long>> tracks = new HashMap<>();
        Map<String, Long> latest = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            for (String id : acknowledged.keySet()) {
                JsonObject track = new JsonObject(get(via, "/api/v1/tracks/" + id));
                JsonArray ps = track.getJsonArray("positions");
                Set<Long> times = new HashSet<>();
                for (int i = 0; i < ps.size(); i++) {
                    times.add(Instant.parse(ps.getJsonObject(i).getString("observedAt")).toEpochMilli());
                }
                tracks.put(id, times);
                JsonObject node = new JsonObject(get(via, "/api/v1/nodes/" + id));
                latest.put(id, Instant.parse(node.getString("observedAt")).toEpochMilli());
            }
            return true;
        });
        for (Map.Entry<String, Set<Long>> e : acknowledged.entrySet()) {
            assertThat(tracks.get(e.getKey())).as("track of " + e.getKey() + " via " + via.id()).containsAll(e.getValue());
            long newest = e.getValue().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(latest.get(e.getKey())).as("latest of " + e.getKey() + " via " + via.id())
                    .isGreaterThanOrEqualTo(newest);
        }
    }

    String get(Member via, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + via.httpPort() + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " via " + via.id() + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Reads the member's log until it says it is up (and keeps draining it). */
    static CompletableFuture<Member> awaitUp(String id, Process p) {
        CompletableFuture<Member> up = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = UP.matcher(line);
                    if (m.find() && m.group(1).equals(id)) {
                        up.complete(new Member(id, p, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
                    } else if (!up.isDone() && seen.length() < 20_000) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException e) {
                // The process ended; handled below.
            }
            up.completeExceptionally(new IllegalStateException(id + " exited before it was up:\n" + seen));
        }, id + "-output");
        reader.setDaemon(true);
        reader.start();
        return up;
    }
}
