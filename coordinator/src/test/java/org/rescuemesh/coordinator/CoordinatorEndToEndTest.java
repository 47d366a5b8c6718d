package org.rescuemesh.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rescuemesh.coordinator.ingest.IngestClient;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.AssetPositionBatch;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.PublishAck;

/** Health, gossip into the picture, ingest validation and authentication. */
class CoordinatorEndToEndTest extends CoordinatorFixture {

    @Test
    void healthIsUpWithoutToken() {
        HttpResponse<Buffer> r = get("/api/v1/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    }

    @Test
    void agentsAppearWithPositionsThroughGossip() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonArray nodes = nodes();
            for (int i = 0; i < 4; i++) {
                JsonObject n = find(nodes, "agent-" + i);
                assertThat(n).as("agent-" + i).isNotNull();
                assertThat(n.getString("kind")).isEqualTo("agent");
                assertThat(n.getString("status")).isEqualTo("alive");
                assertThat(n.getDouble("lat")).isEqualTo(11.1 + i * 0.01);
                assertThat(n.getString("team")).isEqualTo("team-" + (i % 2));
            }
            assertThat(find(nodes, "cp-test").getString("kind")).isEqualTo("coordinator");
        });
    }

    @Test
    void agentsReportTheLinksTheirProbesMeasured() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonArray nodes = nodes();
            for (int i = 0; i < 4; i++) {
                JsonArray links = find(nodes, "agent-" + i).getJsonArray("links");
                assertThat(links).as("links of agent-%d", i).isNotEmpty();
                JsonObject l = links.getJsonObject(0);
                assertThat(l.getString("peer")).isNotEqualTo("agent-" + i);
                assertThat(l.getDouble("etx")).isBetween(1.0, 10.0);
                assertThat(l.getDouble("rttMs")).isGreaterThanOrEqualTo(0.0);
                assertThat(l.getString("lastHeard")).isNotNull();
            }
        });
    }

    @Test
    void batchKeepsValidPositionsAndRejectsBadOnesWithIndexFieldReason() {
        AssetPositionBatch batch = AssetPositionBatch.newBuilder()
                .addPositions(position("boat-ok-1", 11.2, 125.0))
                .addPositions(position("boat-bad-lat", 95, 125.0))
                .addPositions(position("boat-bad-nan", 11.2, Double.NaN))
                .addPositions(position("boat-ok-2", 11.21, 125.01))
                .build();
        PublishAck ack = ingest.publishBatch(batch).await();
        assertThat(ack.getAccepted()).isEqualTo(2);
        assertThat(ack.getRejected()).isEqualTo(2);
        assertThat(ack.getRejectionsList()).extracting(r -> r.getIndex() + ":" + r.getField())
                .containsExactly("1:lat", "2:lon");
        assertThat(ack.getRejections(0).getReason()).contains("-90..90");

        JsonArray nodes = nodes();
        assertThat(find(nodes, "boat-ok-1").getString("kind")).isEqualTo("asset");
        assertThat(find(nodes, "boat-ok-2").getDouble("lat")).isEqualTo(11.21);
        assertThat(find(nodes, "boat-bad-lat")).isNull();
        assertThat(find(nodes, "boat-bad-nan")).isNull();
    }

    @Test
    void duplicatesAreIdempotentAndOlderObservationsDoNotRollBack() {
        long t = System.currentTimeMillis();
        AssetPosition newer = position("heli-dup", 11.3, 125.1).setObservedAt(Timestamps.fromMillis(t)).build();
        AssetPosition older = position("heli-dup", 11.0, 125.0).setObservedAt(Timestamps.fromMillis(t - 60_000)).build();
        assertThat(ingest.publishBatch(AssetPositionBatch.newBuilder().addPositions(newer).build()).await().getAccepted()).isEqualTo(1);
        assertThat(ingest.publishBatch(AssetPositionBatch.newBuilder().addPositions(newer).build()).await().getAccepted()).isEqualTo(1);
        ingest.publishBatch(AssetPositionBatch.newBuilder().addPositions(older).build()).await();
        JsonObject n = find(nodes(), "heli-dup");
        assertThat(n.getDouble("lat")).isEqualTo(11.3);
    }

    @Test
    void wrongTokenIsUnauthenticated() {
        IngestClient intruder = new IngestClient(client, "127.0.0.1", coordinator.grpcPort(), "not-the-token");
        try {
            assertThatThrownBy(() -> intruder.publishBatch(AssetPositionBatch.newBuilder()
                    .addPositions(position("x", 1, 1)).build()).await())
                    .isInstanceOfSatisfying(IngestClient.CallFailed.class,
                            e -> assertThat(e.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED));
        } finally {
            intruder.close();
        }
        assertThat(find(nodes(), "x")).isNull();
    }

    @Test
    void restWithoutTokenIs401JsonAndUnknownNodeIs404Json() {
        HttpResponse<Buffer> r = get("/api/v1/nodes", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unauthenticated");
        HttpResponse<Buffer> wrong = get("/api/v1/nodes", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<Buffer> missing = get("/api/v1/nodes/no-such-node", TOKEN);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    }

    @Test
    void httpPositionsAcceptJsonAndRejectMalformedBodies() {
        String json = "{\"positions\":[{\"assetId\":\"truck-json\",\"lat\":11.2,\"lon\":124.95,"
                + "\"observedAt\":\"" + Timestamps.toString(Timestamps.fromMillis(System.currentTimeMillis())) + "\"},"
                + "{\"assetId\":\"truck-bad\",\"lat\":11.2,\"lon\":200,\"observedAt\":\"2026-01-01T00:00:00Z\"}]}";
        HttpResponse<Buffer> r = web.post(coordinator.httpPort(), "127.0.0.1", "/api/v1/positions")
                .bearerTokenAuthentication(TOKEN).putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(json)).await();
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject ack = r.bodyAsJsonObject();
        assertThat(ack.getString("accepted")).isEqualTo("1");
        assertThat(ack.getJsonArray("rejections").getJsonObject(0).getString("field")).isEqualTo("lon");

        HttpResponse<Buffer> bad = web.post(coordinator.httpPort(), "127.0.0.1", "/api/v1/positions")
                .bearerTokenAuthentication(TOKEN).putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer("{\"positions\": [ {\"lat\": ")).await();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getString("error")).isEqualTo("malformed_body");
        assertThat(bad.bodyAsString()).doesNotContain("at org.");

        HttpResponse<Buffer> unknownField = web.post(coordinator.httpPort(), "127.0.0.1", "/api/v1/positions")
                .bearerTokenAuthentication(TOKEN).putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer("{\"positions\":[{\"assetId\":\"a\",\"latitude\":1}]}")).await();
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.bodyAsJsonObject().getString("message")).contains("latitude");
    }
}
