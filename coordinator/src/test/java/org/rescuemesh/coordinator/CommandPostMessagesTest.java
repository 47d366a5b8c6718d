package org.rescuemesh.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.agent.HostPort;
import org.rescuemesh.agent.NodeAgent;
import org.rescuemesh.agent.cli.GossipCodecs;
import org.rescuemesh.agent.relay.RelayConfig;
import org.rescuemesh.agent.relay.RelayService;
import org.rescuemesh.agent.relay.StoredMessage;
import org.rescuemesh.agent.relay.SwimRelay;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.gossip.GossipConfig;
import org.rescuemesh.gossip.transport.SwimMesh;
import org.rescuemesh.gossip.wire.Keyring;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.RelayMessage;

/**
 * The command post in the teams' message fabric: a coordinator and two field agents with message
 * stores on real sealed loopback gossip. A team's message to {@code coordinator} is listed by the
 * coordinator's REST API; a message the command post sends to a team reaches the team's agent.
 */
class CommandPostMessagesTest {

    static final Keyring KEYS = Keyring.of(new byte[32]);
    static Coordinator coordinator;
    static final List<NodeAgent> agents = new ArrayList<>();
    static final List<RelayService> relays = new ArrayList<>();
    static ScheduledExecutorService reports;
    static Vertx vertx;
    static WebClient web;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        coordinator = Coordinator.start(new Coordinator.Settings("cp-msg", "127.0.0.1", 0, 0,
                new InetSocketAddress("127.0.0.1", 0), List.of(), "rescuemesh-msg-" + ProcessHandle.current().pid(),
                16500, List.of(), TokenRegistry.parse(List.of("dispatch ops plan,read", "viewer ops read"), "test"))
                .withMissionKeys(KEYS));
        reports = Executors.newSingleThreadScheduledExecutor();
        String[] teams = {"alpha", "bravo"};
        for (int i = 0; i < 2; i++) {
            String id = "field-" + i;
            SwimMesh mesh = GossipCodecs.swimMesh(id, new InetSocketAddress("127.0.0.1", 0),
                    List.of(HostPort.format(coordinator.gossipAddress())), GossipConfig.lan(), KEYS);
            RelayService relay = SwimRelay.attach(mesh, tmp.resolve(id), NodeState.newBuilder().setNodeId(id)
                    .setTeam(teams[i]).setKind(NodeKind.NODE_KIND_AGENT).build(), RelayConfig.lan(),
                    GossipConfig.lan().maxFrameBytes());
            GeoPosition fix = GeoPosition.newBuilder().setLatDeg(11.1 + i * 0.01).setLonDeg(124.9).setSource("static").build();
            NodeAgent agent = new NodeAgent(new NodeAgent.Identity(id, id, teams[i], NodeKind.NODE_KIND_AGENT,
                    "uhf-handheld"), mesh, () -> fix, () -> 80);
            agent.start(reports, 200);
            relay.start(200);
            agents.add(agent);
            relays.add(relay);
        }
        vertx = Vertx.vertx();
        web = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        relays.forEach(RelayService::close);
        agents.forEach(NodeAgent::close);
        if (reports != null) reports.shutdownNow();
        if (vertx != null) vertx.close().await();
        if (coordinator != null) coordinator.close();
    }

    static HttpResponse<Buffer> call(String method, String path, String token, JsonObject body) {
        var req = web.request(io.vertx.core.http.HttpMethod.valueOf(method), coordinator.httpPort(), "127.0.0.1", path)
                .bearerTokenAuthentication(token);
        return (body == null ? req.send() : req.sendJsonObject(body)).await();
    }

    @Test
    void anSosFromATeamIsListedAtTheCommandPostAndConfirmedToTheTeam() throws Exception {
        RelayMessage sos = RelayMessage.newBuilder().setMessageId(UUID.randomUUID().toString()).setTo("coordinator")
                .setText("two injured at the bridge").setPriority(MessagePriority.MESSAGE_PRIORITY_SOS)
                .setLifetimeS(3600).build();
        StoredMessage accepted = relays.get(0).submit(sos).get();
        JsonObject arrived = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> find(call("GET", "/api/v1/messages?direction=in", "viewer", null).bodyAsJsonArray(),
                        accepted.id()), m -> m != null);
        assertThat(arrived.getString("from")).isEqualTo("field-0");
        assertThat(arrived.getString("priority")).isEqualTo("sos");
        assertThat(arrived.getString("text")).isEqualTo("two injured at the bridge");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                relays.get(0).message(accepted.id()).get().orElseThrow().state(relays.get(0).nowMs())
                        == org.rescuemesh.proto.v1.MessageState.MESSAGE_STATE_DELIVERED);
    }

    @Test
    void theCommandPostSendsToATeam() {
        HttpResponse<Buffer> r = call("POST", "/api/v1/messages", "dispatch",
                new JsonObject().put("to", "team:bravo").put("text", "regroup at the school").put("priority", "urgent"));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
        String id = r.bodyAsJsonObject().getString("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                relays.get(1).inbound().get().stream().anyMatch(m -> m.id().equals(id)));
        assertThat(relays.get(0).inbound().join().stream().noneMatch(m -> m.id().equals(id)))
                .as("team alpha is not addressed").isTrue();
        JsonObject status = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> call("GET", "/api/v1/messages/" + id, "viewer", null).bodyAsJsonObject(),
                        m -> !m.getJsonArray("receipts").isEmpty());
        assertThat(status.getJsonArray("receipts").getJsonObject(0).getString("by")).isEqualTo("field-1");
    }

    @Test
    void sendingNeedsThePlanScopeAndValidFields() {
        assertThat(call("POST", "/api/v1/messages", "viewer", new JsonObject().put("to", "broadcast").put("text", "x"))
                .statusCode()).isEqualTo(403);
        HttpResponse<Buffer> bad = call("POST", "/api/v1/messages", "dispatch",
                new JsonObject().put("to", "somewhere").put("text", "x"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getString("field")).isEqualTo("to");
        assertThat(call("GET", "/api/v1/messages?direction=sideways", "viewer", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/messages/nope", "viewer", null).statusCode()).isEqualTo(404);
    }

    private static JsonObject find(JsonArray messages, String id) {
        for (int i = 0; i < messages.size(); i++) {
            if (id.equals(messages.getJsonObject(i).getString("id"))) {
                return messages.getJsonObject(i);
            }
        }
        return null;
    }
}
