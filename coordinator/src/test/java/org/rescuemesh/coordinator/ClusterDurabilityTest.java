package org.rescuemesh.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.InetSocketAddress;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.ingest.IngestClient;
import org.rescuemesh.coordinator.picture.Durability;
import org.rescuemesh.coordinator.picture.HazelcastPictureStore;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.AssetPositionBatch;
import org.rescuemesh.proto.v1.PublishAck;

/**
 * Three coordinator members (Hazelcast, H2 member databases, HTTP, gRPC) in one JVM on loopback:
 * one member is terminated (no graceful leave) while positions stream in, then the whole cluster
 * is stopped and started again. Every acknowledged position must be readable after each step.
 */
class ClusterDurabilityTest {

    static final String TOKEN = "cluster-token";
    static final int ASSETS = 12;
    final int basePort = 21000 + (int) (ProcessHandle.current().pid() % 400) * 10;
    final String cluster = "rescuemesh-durability-" + ProcessHandle.current().pid();
    final List<Coordinator> members = new ArrayList<>();
    Vertx client;

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        members.forEach(Coordinator::close);
        if (client != null) {
            client.close().await();
        }
    }

    Coordinator.Settings settings(int i, long writeBehindMs) {
        List<String> all = List.of("127.0.0.1:" + basePort, "127.0.0.1:" + (basePort + 1), "127.0.0.1:" + (basePort + 2));
        return new Coordinator.Settings("cp-" + (char) ('a' + i), "127.0.0.1", 0, 0, new InetSocketAddress("127.0.0.1", 0),
                List.of(), cluster, basePort + i, all, TokenRegistry.single(TOKEN, "test-agency"))
                .withDurability(Durability.writeThrough(dataDir, 2).withWriteBehindMs(writeBehindMs));
    }

    /** Starts the three members concurrently: each waits for the others (split-brain protection needs two). */
    List<Coordinator> startAll(long writeBehindMs) {
        List<CompletableFuture<Coordinator>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Coordinator.start(settings(n, writeBehindMs));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Coordinator> started = starting.stream().map(CompletableFuture::join).toList();
        members.addAll(started);
        return started;
    }

    static AssetPosition position(String id, long observedMs, double lat) {
        return AssetPosition.newBuilder().setAssetId(id).setLat(lat).setLon(125.0).setKind("boat")
                .setObservedAt(Timestamps.fromMillis(observedMs)).build();
    }

    /** asset id → observation times of every position some member acknowledged. */
    static Map<String, Set<Long>> acknowledged = new HashMap<>();

    Map<String, Set<Long>> trackTimes(WebClient web, Coordinator via) {
        Map<String, Set<Long>> out = new HashMap<>();
        for (int a = 0; a < ASSETS; a++) {
            String id = "vessel-" + a;
            HttpResponse<Buffer> r = web.get(via.httpPort(), "127.0.0.1", "/api/v1/tracks/" + id)
                    .bearerTokenAuthentication(TOKEN).send().await();
            Set<Long> times = new HashSet<>();
            if (r.statusCode() == 200) {
                JsonArray ps = r.bodyAsJsonObject().getJsonArray("positions");
                long last = Long.MIN_VALUE;
                for (int i = 0; i < ps.size(); i++) {
                    long t = Instant.parse(ps.getJsonObject(i).getString("observedAt")).toEpochMilli();
                    assertThat(t).as("track of " + id + " is oldest first").isGreaterThan(last);
                    last = t;
                    times.add(t);
                }
            }
            out.put(id, times);
        }
        return out;
    }

    /**
     * Notes in {@code acknowledged} (asset id → observation times) every position of each batch
     * whose call answered within {@code timeoutS} with nothing rejected; returns how many did. A
     * batch without an answer is not acknowledged: the sender would send it again, and nothing
     * is promised for it.
     */
    static int collectAcknowledged(List<AssetPositionBatch> sent, List<Future<PublishAck>> calls, long timeoutS,
                                   Map<String, Set<Long>> acknowledged) throws Exception {
        int acked = 0;
        for (int k = 0; k < calls.size(); k++) {
            PublishAck ack;
            try {
                ack = calls.get(k).toCompletionStage().toCompletableFuture().get(timeoutS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                continue;
            }
            assertThat(ack.getRejected()).isZero();
            for (AssetPosition p : sent.get(k).getPositionsList()) {
                acknowledged.computeIfAbsent(p.getAssetId(), x -> new HashSet<>()).add(Timestamps.toMillis(p.getObservedAt()));
            }
            acked++;
        }
        return acked;
    }

    void assertAllAcknowledgedReadable(WebClient web, Coordinator via) {
        Map<String, Set<Long>> stored = trackTimes(web, via);
        long expected = 0;
        for (Map.Entry<String, Set<Long>> e : acknowledged.entrySet()) {
            assertThat(stored.get(e.getKey())).as("track of " + e.getKey() + " via " + via.store())
                    .containsAll(e.getValue());
            expected += e.getValue().size();
            long newest = e.getValue().stream().mapToLong(Long::longValue).max().orElseThrow();
            JsonObject node = web.get(via.httpPort(), "127.0.0.1", "/api/v1/nodes/" + e.getKey())
                    .bearerTokenAuthentication(TOKEN).send().await().bodyAsJsonObject();
            assertThat(Instant.parse(node.getString("observedAt")).toEpochMilli()).as("latest of " + e.getKey())
                    .isEqualTo(newest);
        }
        assertThat(expected).isGreaterThan(0);
    }

    /** 0 = write-through; 1000 = write-behind, where the acknowledgement rests on the synchronous backup. */
    @ParameterizedTest(name = "write-behind {0} ms")
    @ValueSource(longs = {0, 1000})
    void acknowledgedPositionsSurviveAKilledMemberAndAFullRestart(long writeBehindMs) throws Exception {
        acknowledged.clear();
        List<Coordinator> started = startAll(writeBehindMs);
        Coordinator a = started.get(0);
        Coordinator b = started.get(1);
        Coordinator c = started.get(2);
        assertThat(a.hazelcast().getCluster().getMembers()).hasSize(3);
        client = Vertx.vertx();
        WebClient web = WebClient.create(client);
        IngestClient viaA = new IngestClient(client, "127.0.0.1", a.grpcPort(), TOKEN);
        IngestClient viaB = new IngestClient(client, "127.0.0.1", b.grpcPort(), TOKEN);

        long t0 = System.currentTimeMillis() - 60_000;
        int batches = 40;
        List<Future<PublishAck>> pending = new ArrayList<>();
        List<AssetPositionBatch> sent = new ArrayList<>();
        for (int k = 0; k < batches; k++) {
            AssetPositionBatch.Builder batch = AssetPositionBatch.newBuilder();
            for (int a2 = 0; a2 < ASSETS; a2++) {
                for (int j = 0; j < 3; j++) {
                    batch.addPositions(position("vessel-" + a2, t0 + k * 100L + j * 10L, 11 + k * 0.001));
                }
            }
            sent.add(batch.build());
            pending.add((k % 2 == 0 ? viaA : viaB).publishBatch(batch.build()));
            if (k == batches / 2) {
                // No goodbye: the member's sockets just close, as with kill -9 of its process.
                c.hazelcast().getLifecycleService().terminate();
            }
            Thread.sleep(20);
        }
        int acked = collectAcknowledged(sent, pending, Long.MAX_VALUE, acknowledged);
        assertThat(acked).as("batches acknowledged").isGreaterThan(batches / 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.hazelcast().getCluster().getMembers().size() == 2);
        assertAllAcknowledgedReadable(web, a);
        assertAllAcknowledgedReadable(web, b);
        // Track compaction on both survivors at once: each replaces the segments it read by new
        // ones and deletes them; the restart below must find every acknowledged point all the same.
        CompletableFuture<Long> compactA = CompletableFuture.supplyAsync(() -> ((HazelcastPictureStore) a.store()).compactAll());
        long compactedB = ((HazelcastPictureStore) b.store()).compactAll();
        assertThat(compactA.join() + compactedB).as("segments read by compaction").isGreaterThan(0);
        assertAllAcknowledgedReadable(web, a);

        // Full stop (the killed member's process is gone too), then every member starts again.
        viaA.close();
        viaB.close();
        for (Coordinator m : members) {
            m.close();
        }
        members.clear();
        List<Coordinator> again = startAll(writeBehindMs);
        assertAllAcknowledgedReadable(web, again.get(2));
        assertAllAcknowledgedReadable(web, again.get(0));
    }
}
