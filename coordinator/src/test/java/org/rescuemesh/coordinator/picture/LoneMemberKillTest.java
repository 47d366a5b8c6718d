package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.coordinator.Coordinator;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.ingest.IngestClient;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.AssetPositionBatch;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.PublishAck;

/**
 * A lone coordinator, as its own process (`serve` with write-through into a data directory), is
 * killed with SIGKILL while batches stream in: no shutdown hook, no flush, no graceful close of
 * H2. A member started afterwards on the same directory must hold every position that was
 * acknowledged before the kill — an acknowledgement means "committed on this member's disk".
 */
class LoneMemberKillTest {

    static final String TOKEN = "lone-token";
    static final int ASSETS = 40;
    static final int TRACK_LIMIT = 20_000;
    static final Pattern UP = Pattern.compile("coordinator lone up: http (\\d+), grpc (\\d+)");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedPositionSurvivesSigkillOfALoneMember() throws Exception {
        Path data = dir.resolve("data");
        Path tokens = dir.resolve("tokens.txt");
        Files.writeString(tokens, TOKEN + " test-agency ingest,read\n");
        int clusterPort = 23000 + (int) (ProcessHandle.current().pid() % 500) * 4;
        Process member = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.rescuemesh.coordinator.cli.CoordinatorMain", "serve",
                "--node-id", "lone", "--bind-host", "127.0.0.1", "--http-port", "0", "--grpc-port", "0",
                "--gossip-port", "0", "--cluster-port", String.valueOf(clusterPort),
                "--cluster-name", "lone-kill-" + ProcessHandle.current().pid(), "--min-cluster-size", "1",
                "--data-dir", data.toString(), "--tokens-file", tokens.toString(),
                "--track-limit", String.valueOf(TRACK_LIMIT))
                .redirectErrorStream(true).start();
        Vertx vertx = Vertx.vertx();
        Map<String, Set<Long>> acknowledged = new HashMap<>();
        try {
            int grpcPort = awaitUp(member);
            IngestClient client = new IngestClient(vertx, "127.0.0.1", grpcPort, TOKEN);
            long t0 = System.currentTimeMillis() - 3_600_000L;
            List<AssetPositionBatch> sent = new ArrayList<>();
            List<Future<PublishAck>> calls = new ArrayList<>();
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500);
            int k = 0;
            // Keep four batches in flight so that acknowledgements arrive right up to the kill.
            while (System.nanoTime() < killAt) {
                AssetPositionBatch.Builder b = AssetPositionBatch.newBuilder();
                for (int i = 0; i < 400; i++) {
                    int a = i % ASSETS;
                    b.addPositions(AssetPosition.newBuilder().setAssetId("boat-" + a).setLat(10 + k * 1e-4)
                            .setLon(125).setObservedAt(Timestamps.fromMillis(t0 + k * 100L + i / ASSETS)).build());
                }
                sent.add(b.build());
                calls.add(client.publishBatch(b.build()));
                k++;
                if (k >= 4) {
                    Future<PublishAck> older = calls.get(k - 4);
                    older.toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(30, TimeUnit.SECONDS);
                }
            }
            member.destroyForcibly();
            assertThat(member.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(member.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            int acked = 0;
            for (int i = 0; i < calls.size(); i++) {
                CompletableFuture<PublishAck> f = calls.get(i).toCompletionStage().toCompletableFuture();
                try {
                    PublishAck ack = f.get(30, TimeUnit.SECONDS);
                    assertThat(ack.getRejected()).isZero();
                    for (AssetPosition p : sent.get(i).getPositionsList()) {
                        acknowledged.computeIfAbsent(p.getAssetId(), x -> new HashSet<>()).add(Timestamps.toMillis(p.getObservedAt()));
                    }
                    acked++;
                } catch (Exception e) {
                    // Not acknowledged (cut by the kill): nothing is promised for it.
                }
            }
            assertThat(acked).as("batches acknowledged before the kill").isGreaterThan(3);
            client.close();
        } finally {
            member.destroyForcibly();
            vertx.close().await();
        }

        // The same member again, this time in this JVM, on the same data directory.
        try (Coordinator again = Coordinator.start(new Coordinator.Settings("lone", "127.0.0.1", 0, 0,
                new InetSocketAddress("127.0.0.1", 0), List.of(), "lone-kill-again-" + ProcessHandle.current().pid(),
                clusterPort, List.of(), TokenRegistry.single(TOKEN, "test-agency"))
                .withDurability(Durability.writeThrough(data, 1).withTrackLimit(TRACK_LIMIT)))) {
            long total = 0;
            for (Map.Entry<String, Set<Long>> e : acknowledged.entrySet()) {
                Set<Long> stored = new HashSet<>();
                for (GeoPosition p : again.store().track(e.getKey())) {
                    stored.add(Timestamps.toMillis(p.getObservedAt()));
                }
                assertThat(stored).as("track of " + e.getKey() + " after SIGKILL and restart").containsAll(e.getValue());
                long newest = e.getValue().stream().mapToLong(Long::longValue).max().orElseThrow();
                NodeState node = again.store().get(e.getKey()).orElseThrow();
                assertThat(Timestamps.toMillis(node.getPosition().getObservedAt())).as("latest of " + e.getKey())
                        .isGreaterThanOrEqualTo(newest);
                total += e.getValue().size();
            }
            assertThat(total).isGreaterThan(1_000);
        }
    }

    /** Reads the member's log until it says it is up; returns its gRPC port (and keeps draining the output). */
    private static int awaitUp(Process member) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = UP.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(2)));
                    } else if (!port.isDone()) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException e) {
                // The process died; the future below times out or already completed.
            }
            port.completeExceptionally(new IllegalStateException("member exited before it was up:\n" + seen));
        }, "lone-member-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(90, TimeUnit.SECONDS);
    }
}
