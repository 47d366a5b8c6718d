package org.rescuemesh.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.agent.NodeAgent;
import org.rescuemesh.agent.api.AgentApi;
import org.rescuemesh.agent.cli.GossipCodecs;
import org.rescuemesh.gossip.GossipConfig;
import org.rescuemesh.gossip.transport.SwimMesh;
import org.rescuemesh.gossip.wire.Keyring;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * Agents on real loopback UDP/TCP with sealed frames, driven through their local HTTP API: a
 * message from alpha to node:charlie is delivered and alpha sees it delivered; one with a 20 KiB
 * attachment (over the datagram size) goes over TCP; a message queued on an agent that goes down
 * is still there after its restart and is delivered once the recipient shows up.
 */
class MessagesLoopbackTest {

    private static final GossipConfig FAST = GossipConfig.lan().withTimeScale(0.2);
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private static final RelayConfig RELAY = RelayConfig.lan().withRetryMs(400);

    @TempDir
    Path dir;

    private final Keyring keys = Keyring.of(key());
    private final List<Running> running = new ArrayList<>();
    private final ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor();
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();

    record Running(String id, SwimMesh mesh, NodeAgent agent, RelayService relay, int port) {
    }

    private static byte[] key() {
        byte[] k = new byte[32];
        new Random(7).nextBytes(k);
        return k;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (Running r : running) {
            r.mesh().kill();
            r.relay().close();
        }
        reports.shutdownNow();
        vertx.close().await();
    }

    private Running start(String id, String team, List<String> seeds) throws Exception {
        SwimMesh mesh = GossipCodecs.swimMesh(id, LOOPBACK, seeds, FAST, keys);
        NodeAgent.Identity identity = new NodeAgent.Identity(id, id, team, NodeKind.NODE_KIND_AGENT, "wifi-mesh-5");
        RelayService relay = SwimRelay.attach(mesh, dir.resolve(id), NodeState.newBuilder().setNodeId(id).setTeam(team)
                .setKind(NodeKind.NODE_KIND_AGENT).build(), RELAY, FAST.maxFrameBytes());
        NodeAgent agent = new NodeAgent(identity, mesh, () -> null, () -> -1);
        agent.start(reports, 200);
        relay.start(100);
        int port = new AgentApi(agent, List::of, relay).listen(vertx, LOOPBACK).await().actualPort();
        Running r = new Running(id, mesh, agent, relay, port);
        running.add(r);
        return r;
    }

    private static boolean sees(Running observer, String id) {
        return observer.mesh().members().stream()
                .anyMatch(m -> m.id().equals(id) && m.status() == NodeStatus.NODE_STATUS_ALIVE);
    }

    private HttpResponse<String> post(Running r, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + "/api/v1/messages"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Running r, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String accepted(Running r, JsonObject body) throws Exception {
        HttpResponse<String> resp = post(r, body.encode());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(202);
        JsonObject o = new JsonObject(resp.body());
        assertThat(o.getString("state")).isEqualTo("accepted");
        return o.getString("id");
    }

    private String state(Running r, String id) throws Exception {
        HttpResponse<String> resp = get(r, "/api/v1/messages/" + id);
        return resp.statusCode() == 200 ? new JsonObject(resp.body()).getString("state") : "http " + resp.statusCode();
    }

    @Test
    void messagesToANodeAreDeliveredOverSealedUdpAndTcpWithReceiptsBack() throws Exception {
        Running alpha = start("alpha", "red", List.of());
        Running bravo = start("bravo", "red", List.of(alpha.mesh().address()));
        Running charlie = start("charlie", "blue", List.of(alpha.mesh().address()));
        await().atMost(Duration.ofSeconds(10)).until(() -> List.of(alpha, bravo, charlie).stream()
                .allMatch(r -> sees(r, "alpha") && sees(r, "bravo") && sees(r, "charlie")));

        String small = accepted(alpha, new JsonObject().put("to", "node:charlie").put("text", "need water at the bridge")
                .put("priority", "sos").put("position", new JsonObject().put("lat", 47.5).put("lon", 8.7)));
        byte[] photo = new byte[20_000];
        new Random(3).nextBytes(photo);
        String big = accepted(alpha, new JsonObject().put("to", "node:charlie").put("text", "photo of the slide")
                .put("attachment", Base64.getEncoder().encodeToString(photo)).put("lifetimeS", 600));

        await().atMost(Duration.ofSeconds(10)).until(() -> state(alpha, small).equals("delivered")
                && state(alpha, big).equals("delivered"));

        JsonArray in = new JsonArray(get(charlie, "/api/v1/messages?direction=in").body());
        assertThat(in.stream().map(o -> ((JsonObject) o).getString("id")).toList()).containsExactlyInAnyOrder(small, big);
        JsonObject sos = new JsonObject(get(charlie, "/api/v1/messages/" + small).body());
        assertThat(sos.getString("from")).isEqualTo("alpha");
        assertThat(sos.getString("priority")).isEqualTo("sos");
        assertThat(sos.getString("text")).isEqualTo("need water at the bridge");
        assertThat(sos.getJsonObject("position").getDouble("lat")).isEqualTo(47.5);
        JsonObject photoMsg = new JsonObject(get(charlie, "/api/v1/messages/" + big).body());
        assertThat(Base64.getDecoder().decode(photoMsg.getString("attachment"))).isEqualTo(photo);

        JsonObject atAlpha = new JsonObject(get(alpha, "/api/v1/messages/" + small).body());
        assertThat(atAlpha.getJsonArray("receipts").stream().map(o -> ((JsonObject) o).getString("by") + "/"
                + ((JsonObject) o).getString("state")).toList()).contains("charlie/delivered");
        // charlie was alive: no carrier was needed, bravo holds nothing
        assertThat(bravo.relay().stats().get().received()).isZero();
        assertThat(new JsonArray(get(bravo, "/api/v1/messages?direction=in").body())).isEmpty();
        assertThat(new JsonArray(get(alpha, "/api/v1/messages?direction=out").body())).hasSize(2);
        assertThat(new JsonArray(get(alpha, "/api/v1/messages?direction=out&limit=1").body())).hasSize(1);
        JsonObject counters = new JsonObject(get(charlie, "/api/v1/self").body()).getJsonObject("messages");
        assertThat(counters.getLong("received")).isEqualTo(2);
        assertThat(counters.getLong("held")).isEqualTo(2);
        assertThat(counters.getLong("journalTailBytes")).isZero();
    }

    @Test
    void queuedMessageSurvivesARestartAndIsDeliveredWhenTheRecipientAppears() throws Exception {
        Running alpha = start("alpha", "red", List.of());
        String id = accepted(alpha, new JsonObject().put("to", "node:delta").put("text", "bring the stretcher")
                .put("priority", "urgent"));
        assertThat(state(alpha, id)).isEqualTo("accepted");
        // down without leave or flush: what the journal forced before the 202 is all there is
        alpha.mesh().kill();
        alpha.relay().close();
        running.remove(alpha);

        Running alpha2 = start("alpha", "red", List.of());
        assertThat(state(alpha2, id)).isEqualTo("accepted");
        Running delta = start("delta", "red", List.of(alpha2.mesh().address()));
        await().atMost(Duration.ofSeconds(10)).until(() -> state(alpha2, id).equals("delivered"));
        JsonArray in = new JsonArray(get(delta, "/api/v1/messages?direction=in").body());
        assertThat(in).hasSize(1);
        assertThat(in.getJsonObject(0).getString("text")).isEqualTo("bring the stretcher");
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        Running alpha = start("alpha", "red", List.of());
        record Case(String body, String field) {
        }
        List<Case> cases = List.of(
                new Case("{\"to\":\"node:bravo\",\"text\":\"" + "é".repeat(2049) + "\"}", "text"),
                new Case("{\"to\":\"node:bravo\",\"attachment\":\""
                        + Base64.getEncoder().encodeToString(new byte[65_537]) + "\"}", "attachment"),
                new Case("{\"to\":\"node:bravo\",\"text\":\"x\",\"priority\":\"high\"}", "priority"),
                new Case("{\"to\":\"somebody\",\"text\":\"x\"}", "to"),
                new Case("{\"to\":\"node:bad id\",\"text\":\"x\"}", "to"),
                new Case("{\"text\":\"x\"}", "to"),
                new Case("{\"to\":\"node:bravo\",\"attachment\":\"not*base64\"}", "attachment"),
                new Case("{\"to\":\"node:bravo\",\"text\":\"x\",\"lifetimeS\":0}", "lifetimeS"),
                new Case("{\"to\":\"node:bravo\",\"text\":\"x\",\"lifetimeS\":604801}", "lifetimeS"),
                new Case("{\"to\":\"node:bravo\",\"text\":\"x\",\"lifetimeS\":\"60\"}", "lifetimeS"),
                new Case("{\"to\":\"node:bravo\",\"text\":\"x\",\"position\":{\"lat\":91,\"lon\":0}}", "position"),
                new Case("{\"to\":\"node:bravo\",\"text\":\"x\",\"colour\":\"red\"}", "colour"),
                new Case("{\"to\":\"node:bravo\"}", "text"),
                new Case("{\"to\":\"node:alpha\",\"text\":\"x\"}", "to"));
        for (Case c : cases) {
            HttpResponse<String> r = post(alpha, c.body());
            assertThat(r.statusCode()).as(c.body().length() > 200 ? c.field() : c.body()).isEqualTo(400);
            JsonObject err = new JsonObject(r.body());
            assertThat(err.getString("error")).isEqualTo("invalid_field");
            assertThat(err.getString("field")).as(c.body().length() > 200 ? c.field() : c.body()).isEqualTo(c.field());
            assertThat(err.getString("message")).isNotBlank();
        }
        HttpResponse<String> notJson = post(alpha, "{\"to\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(notJson.body()).getString("error")).isEqualTo("bad_json");
        assertThat(post(alpha, "[1,2]").statusCode()).isEqualTo(400);
        assertThat(post(alpha, "{\"to\":\"broadcast\",\"text\":\"" + "x".repeat(200_000) + "\"}").statusCode()).isEqualTo(413);
        assertThat(get(alpha, "/api/v1/messages/no-such-id").statusCode()).isEqualTo(404);
        assertThat(get(alpha, "/api/v1/messages?direction=sideways").statusCode()).isEqualTo(400);
        assertThat(get(alpha, "/api/v1/messages?direction=in&limit=0").statusCode()).isEqualTo(400);
        assertThat(get(alpha, "/api/v1/messages?direction=in&limit=lots").statusCode()).isEqualTo(400);
        // nothing of this was stored
        assertThat(new JsonArray(get(alpha, "/api/v1/messages?direction=out").body())).isEmpty();
        // exactly at the limits is fine
        assertThat(post(alpha, "{\"to\":\"node:bravo\",\"text\":\"" + "é".repeat(2048) + "\",\"attachment\":\""
                + Base64.getEncoder().encodeToString(new byte[65_536]) + "\",\"lifetimeS\":604800}").statusCode()).isEqualTo(202);
    }

    @Test
    void recipientThatOnlyACourierCanReachGetsTheMessage() throws Exception {
        Running alpha = start("alpha", "red", List.of());
        Running bravo = start("bravo", "red", List.of(alpha.mesh().address()));
        Running charlie = start("charlie", "blue", List.of(bravo.mesh().address()));
        // alpha and charlie never exchange a frame; bravo hears both (SWIM's indirect probes
        // through bravo keep charlie alive in alpha's view)
        alpha.mesh().blockPeers(List.of(charlie.mesh().address()));
        charlie.mesh().blockPeers(List.of(alpha.mesh().address()));
        await().atMost(Duration.ofSeconds(10)).until(() -> sees(alpha, "charlie") && sees(charlie, "alpha")
                && sees(bravo, "alpha") && sees(bravo, "charlie"));

        String id = accepted(alpha, new JsonObject().put("to", "node:charlie").put("text", "road to the school is cut"));
        await().atMost(Duration.ofSeconds(15)).until(() -> state(alpha, id).equals("delivered"));
        JsonObject atCharlie = new JsonObject(get(charlie, "/api/v1/messages/" + id).body());
        assertThat(atCharlie.getString("receivedFrom")).isEqualTo("bravo");
        assertThat(atCharlie.getJsonArray("path").getList()).containsExactly("alpha", "bravo");
        JsonObject atAlpha = new JsonObject(get(alpha, "/api/v1/messages/" + id).body());
        assertThat(atAlpha.getJsonArray("receipts").stream().map(o -> ((JsonObject) o).getString("by") + "/"
                + ((JsonObject) o).getString("state")).toList()).contains("bravo/forwarded", "charlie/delivered");
    }
}
