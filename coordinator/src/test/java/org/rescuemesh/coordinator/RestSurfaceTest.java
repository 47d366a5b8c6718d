package org.rescuemesh.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.util.Timestamps;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rescuemesh.coordinator.ingest.IngestClient;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.AssetPositionBatch;
import org.rescuemesh.proto.v1.PublishAck;

/** Tracks, topology, OpenAPI, metrics, the live WebSocket and rate limits on the shared coordinator. */
class RestSurfaceTest extends CoordinatorFixture {

    static AssetPosition at(String id, long ms, double lat) {
        return position(id, lat, 125.0).setObservedAt(Timestamps.fromMillis(ms)).build();
    }

    @Test
    void trackHoldsEveryDistinctPositionOldestFirst() {
        long t = System.currentTimeMillis() - 10_000;
        AssetPositionBatch batch = AssetPositionBatch.newBuilder()
                .addPositions(at("track-boat", t + 3000, 11.03))
                .addPositions(at("track-boat", t + 1000, 11.01))
                .addPositions(at("track-boat", t + 4000, 11.04))
                .addPositions(at("track-boat", t + 2000, 11.02))
                .build();
        assertThat(ingest.publishBatch(batch).await().getAccepted()).isEqualTo(4);
        // A repeat of the latest and a late older fix.
        ingest.publishBatch(AssetPositionBatch.newBuilder().addPositions(at("track-boat", t + 4000, 11.04))
                .addPositions(at("track-boat", t, 11.00)).build()).await();
        HttpResponse<Buffer> r = get("/api/v1/tracks/track-boat", TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonArray ps = r.bodyAsJsonObject().getJsonArray("positions");
        List<Double> lats = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            lats.add(ps.getJsonObject(i).getDouble("lat"));
            times.add(Instant.parse(ps.getJsonObject(i).getString("observedAt")).toEpochMilli());
        }
        assertThat(lats).containsExactly(11.00, 11.01, 11.02, 11.03, 11.04);
        assertThat(times).containsExactly(t, t + 1000, t + 2000, t + 3000, t + 4000);
        assertThat(find(nodes(), "track-boat").getDouble("lat")).isEqualTo(11.04);
        assertThat(get("/api/v1/tracks/no-such-boat", TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void topologyIsGeoJsonWithEveryPositionedNodeAndPartitions() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<Buffer> r = get("/api/v1/topology", TOKEN);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject fc = r.bodyAsJsonObject();
            assertThat(fc.getString("type")).isEqualTo("FeatureCollection");
            List<String> agentPoints = new ArrayList<>();
            for (Object o : fc.getJsonArray("features")) {
                JsonObject f = (JsonObject) o;
                JsonObject p = f.getJsonObject("properties");
                if ("node".equals(p.getString("featureType")) && "agent".equals(p.getString("kind"))) {
                    assertThat(f.getJsonObject("geometry").getString("type")).isEqualTo("Point");
                    assertThat(p.getInteger("partition")).isNotNull();
                    assertThat(p.getBoolean("cutVertex")).isNotNull();
                    agentPoints.add(f.getString("id"));
                }
                if ("link".equals(p.getString("featureType"))) {
                    assertThat(f.getJsonObject("geometry").getJsonArray("coordinates")).hasSize(2);
                }
            }
            assertThat(agentPoints).containsExactlyInAnyOrder("agent-0", "agent-1", "agent-2", "agent-3");
            assertThat(fc.getInteger("partitions")).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void openApiDocumentsEveryEndpoint() throws Exception {
        HttpResponse<Buffer> r = get("/api/v1/openapi.yaml", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(r.bodyAsString());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrder("/api/v1/health", "/api/v1/openapi.yaml", "/api/v1/nodes",
                "/api/v1/nodes/{id}", "/api/v1/tracks/{id}", "/api/v1/topology", "/api/v1/live", "/api/v1/positions",
                "/api/v1/terrain", "/api/v1/terrain/relief.png", "/api/v1/search-areas", "/api/v1/search-areas/{id}", "/api/v1/plans/relays",
                "/api/v1/plans/relays/{id}", "/api/v1/plans/coverage", "/api/v1/plans/coverage/{id}",
                "/api/v1/plans/coverage/{id}/{image}", "/api/v1/routes", "/api/v1/messages", "/api/v1/messages/{id}", "/metrics");
    }

    @Test
    void metricsCountIngestAndNeedAToken() {
        ingest.publishBatch(AssetPositionBatch.newBuilder().addPositions(position("metric-boat", 11.2, 125.0))
                .addPositions(position("metric-bad", 99, 125.0)).build()).await();
        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        HttpResponse<Buffer> r = get("/metrics", READ_ONLY);
        assertThat(r.statusCode()).isEqualTo(200);
        String text = r.bodyAsString();
        assertThat(text).contains("rescuemesh_positions_accepted_total", "rescuemesh_positions_stored_total",
                "rescuemesh_positions_rejected_total", "rescuemesh_ingest_latency_seconds",
                "rescuemesh_cluster_members 1.0");
        assertThat(metric(text, "rescuemesh_positions_rejected_total")).isGreaterThanOrEqualTo(1);
        assertThat(metric(text, "rescuemesh_positions_stored_total")).isGreaterThanOrEqualTo(1);
    }

    static double metric(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElse(-1);
    }

    @Test
    void staleAssetsBecomeSuspect() {
        ingest.publishBatch(AssetPositionBatch.newBuilder()
                .addPositions(at("old-boat", System.currentTimeMillis() - 600_000, 11.1))
                .addPositions(at("fresh-boat", System.currentTimeMillis(), 11.1)).build()).await();
        JsonArray n = nodes();
        assertThat(find(n, "old-boat").getString("status")).isEqualTo("suspect");
        assertThat(find(n, "old-boat").getBoolean("stale")).isTrue();
        assertThat(find(n, "fresh-boat").getString("status")).isEqualTo("alive");
        assertThat(find(n, "fresh-boat").getBoolean("stale")).isFalse();
    }

    @Test
    void scopesAndRateLimitsAreEnforced() {
        HttpResponse<Buffer> forbidden = web.post(coordinator.httpPort(), "127.0.0.1", "/api/v1/positions")
                .bearerTokenAuthentication(READ_ONLY).putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer("{\"positions\":[]}")).await();
        assertThat(forbidden.statusCode()).isEqualTo(403);
        IngestClient readOnly = new IngestClient(client, "127.0.0.1", coordinator.grpcPort(), READ_ONLY);
        IngestClient slow = new IngestClient(client, "127.0.0.1", coordinator.grpcPort(), SLOW);
        try {
            assertThatThrownBy(() -> readOnly.publishBatch(AssetPositionBatch.newBuilder()
                    .addPositions(position("ro", 1, 1)).build()).await())
                    .isInstanceOfSatisfying(IngestClient.CallFailed.class,
                            e -> assertThat(e.status()).isEqualTo(GrpcStatus.PERMISSION_DENIED));
            // Burst of 3: a batch of 4 is refused whole, then 3 pass, then the bucket is empty.
            AssetPositionBatch.Builder four = AssetPositionBatch.newBuilder();
            IntStream.range(0, 4).forEach(i -> four.addPositions(position("slow-" + i, 11, 125)));
            assertThatThrownBy(() -> slow.publishBatch(four.build()).await())
                    .isInstanceOfSatisfying(IngestClient.CallFailed.class,
                            e -> assertThat(e.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED));
            AssetPositionBatch three = AssetPositionBatch.newBuilder().addAllPositions(four.getPositionsList().subList(0, 3))
                    .build();
            assertThat(slow.publishBatch(three).await().getAccepted()).isEqualTo(3);
            HttpResponse<Buffer> limited = get("/api/v1/nodes", SLOW);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
            assertThat(limited.bodyAsJsonObject().getString("error")).isEqualTo("rate_limited");
        } finally {
            readOnly.close();
            slow.close();
        }
    }

    @Test
    void streamAcknowledgesAcrossChunksWithStreamIndexes() {
        List<AssetPosition> ps = new ArrayList<>();
        long t = System.currentTimeMillis() - 5_000;
        for (int i = 0; i < 2_500; i++) {
            ps.add(at("stream-" + (i % 50), t + i, i == 1_700 ? 91 : 11.0));
        }
        PublishAck ack = ingest.publishStream(ps.iterator()).await();
        assertThat(ack.getAccepted()).isEqualTo(2_499);
        assertThat(ack.getRejected()).isEqualTo(1);
        assertThat(ack.getRejections(0).getIndex()).isEqualTo(1_700);
        assertThat(ack.getRejections(0).getField()).isEqualTo("lat");
        assertThat(get("/api/v1/tracks/stream-7", TOKEN).bodyAsJsonObject().getInteger("count")).isEqualTo(50);
    }

    @Test
    void liveFeedResumesWithExactlyTheMissedDeltas() throws Exception {
        WebSocketClient wsClient = client.createWebSocketClient();
        List<JsonObject> first = new CopyOnWriteArrayList<>();
        WebSocket ws = open(wsClient, new WebSocketConnectOptions().setURI("/api/v1/live?token=" + TOKEN), first);
        ingest.publishBatch(AssetPositionBatch.newBuilder().addPositions(position("live-boat-0", 11.5, 125.5)).build())
                .await();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.stream().anyMatch(m -> isNode(m, "live-boat-0")));
        JsonObject hello = first.get(0);
        assertThat(hello.getString("type")).isEqualTo("hello");
        String stream = hello.getString("stream");
        ws.close().await();
        long last = first.stream().filter(m -> m.getString("type").equals("node")).mapToLong(m -> m.getLong("seq"))
                .max().orElseThrow();
        assertSequential(first.subList(1, first.size()), hello.getLong("seq") + 1);

        // Missed while disconnected.
        for (int i = 1; i <= 3; i++) {
            ingest.publishBatch(AssetPositionBatch.newBuilder().addPositions(position("live-boat-" + i, 11.5, 125.5))
                    .build()).await();
        }
        List<JsonObject> second = new CopyOnWriteArrayList<>();
        WebSocket again = open(wsClient, new WebSocketConnectOptions()
                .setURI("/api/v1/live?since=" + last + "&stream=" + stream)
                .addHeader("Authorization", "Bearer " + TOKEN), second);
        await().atMost(Duration.ofSeconds(10)).until(() -> IntStream.rangeClosed(1, 3)
                .allMatch(i -> second.stream().anyMatch(m -> isNode(m, "live-boat-" + i))));
        assertThat(second.get(0).getString("type")).isEqualTo("hello");
        assertSequential(second.subList(1, second.size()), last + 1);
        assertThat(second.stream().noneMatch(m -> isNode(m, "live-boat-0"))).isTrue();
        again.close().await();

        // A sequence from another stream asks the client to reload.
        List<JsonObject> third = new CopyOnWriteArrayList<>();
        WebSocket other = open(wsClient, new WebSocketConnectOptions()
                .setURI("/api/v1/live?since=5&stream=another-member&token=" + TOKEN), third);
        await().atMost(Duration.ofSeconds(10)).until(() -> third.size() >= 2);
        assertThat(third.get(1).getString("type")).isEqualTo("reload");
        other.close().await();

        assertThat(get("/api/v1/live", null).statusCode()).isEqualTo(401);
        wsClient.close().await();
    }

    @Test
    void aLiveFeedThatMissedChangesTellsItsClientsToReloadAndCountsThem() throws Exception {
        WebSocketClient wsClient = client.createWebSocketClient();
        List<JsonObject> connected = new CopyOnWriteArrayList<>();
        WebSocket ws = open(wsClient, new WebSocketConnectOptions().setURI("/api/v1/live?token=" + TOKEN), connected);
        await().atMost(Duration.ofSeconds(10)).until(() -> !connected.isEmpty());
        String stream = connected.get(0).getString("stream");
        long before = connected.get(0).getLong("seq");
        double countedBefore = metric(get("/metrics", READ_ONLY).bodyAsString(), "rescuemesh_live_changes_missed_total");

        coordinator.live().missed(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> connected.stream().anyMatch(m -> "reload".equals(m.getString("type"))));
        JsonObject reload = connected.stream().filter(m -> "reload".equals(m.getString("type"))).findFirst().orElseThrow();
        assertThat(reload.getString("reason")).contains("3 node change(s)");
        assertThat(reload.getLong("seq")).isGreaterThan(before);
        ws.close().await();

        // a client that was away during the gap cannot resume across it
        List<JsonObject> resumed = new CopyOnWriteArrayList<>();
        WebSocket again = open(wsClient, new WebSocketConnectOptions()
                .setURI("/api/v1/live?since=" + before + "&stream=" + stream + "&token=" + TOKEN), resumed);
        await().atMost(Duration.ofSeconds(10)).until(() -> resumed.size() >= 2);
        assertThat(resumed.get(1).getString("type")).isEqualTo("reload");
        again.close().await();
        wsClient.close().await();

        assertThat(metric(get("/metrics", READ_ONLY).bodyAsString(), "rescuemesh_live_changes_missed_total"))
                .isEqualTo(Math.max(countedBefore, 0) + 3);
    }

    /** Connects with the message handler in place before the handshake, so the first messages are not missed. */
    static WebSocket open(WebSocketClient wsClient, WebSocketConnectOptions options, List<JsonObject> into) {
        var ws = wsClient.webSocket();
        ws.textMessageHandler(m -> into.add(new JsonObject(m)));
        return ws.connect(options.setPort(coordinator.httpPort()).setHost("127.0.0.1")).await();
    }

    static boolean isNode(JsonObject m, String id) {
        return "node".equals(m.getString("type")) && id.equals(m.getJsonObject("node").getString("id"));
    }

    /** Deltas must carry consecutive sequence numbers from {@code from}: no gap, no repeat. */
    static void assertSequential(List<JsonObject> deltas, long from) {
        long expect = from;
        for (JsonObject d : deltas) {
            assertThat(d.getString("type")).isEqualTo("node");
            assertThat(d.getLong("seq")).isEqualTo(expect++);
        }
    }
}
