package org.rescuemesh.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.agent.NodeAgent;
import org.rescuemesh.agent.HostPort;
import org.rescuemesh.agent.cli.GossipCodecs;
import org.rescuemesh.gossip.GossipConfig;
import org.rescuemesh.gossip.transport.SwimMesh;
import org.rescuemesh.gossip.wire.Keyring;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.ingest.IngestClient;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.AssetPositionBatch;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.PublishAck;

/**
 * A coordinator and a few agents in one JVM on real loopback sockets: gossip over UDP, the
 * picture in an embedded Hazelcast, the REST API over HTTP and the ingest API over gRPC. Each
 * test class extending it gets its own coordinator.
 */
abstract class CoordinatorFixture {

    /** Agents and coordinator seal their gossip under one mission key, as in the field. */
    static final Keyring MISSION_KEYS = Keyring.of(new byte[32]);

    static final String TOKEN = "e2e-token";
    static Coordinator coordinator;
    static ScheduledExecutorService reports;
    static final List<NodeAgent> agents = new ArrayList<>();
    static Vertx client;
    static WebClient web;
    static IngestClient ingest;

    static final String READ_ONLY = "viewer-token";
    static final String SLOW = "slow-token";

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        Path tokens = tmp.resolve("tokens.txt");
        Files.writeString(tokens, "# test tokens\n" + TOKEN + " test-agency admin\n" + READ_ONLY + " viewers read\n"
                + SLOW + " slowfeed ingest,read rate=3/3\n");
        coordinator = Coordinator.start(new Coordinator.Settings("cp-test", "127.0.0.1", 0, 0,
                new InetSocketAddress("127.0.0.1", 0), List.of(), "rescuemesh-e2e-" + ProcessHandle.current().pid(),
                15900, List.of(), TokenRegistry.load(tokens)).withMissionKeys(MISSION_KEYS));
        reports = Executors.newSingleThreadScheduledExecutor();
        for (int i = 0; i < 4; i++) {
            String id = "agent-" + i;
            double lat = 11.1 + i * 0.01;
            GeoPosition fix = GeoPosition.newBuilder().setLatDeg(lat).setLonDeg(124.9).setSource("static").build();
            SwimMesh mesh = GossipCodecs.swimMesh(id, new InetSocketAddress("127.0.0.1", 0),
                    List.of(HostPort.format(coordinator.gossipAddress())), GossipConfig.lan(), MISSION_KEYS);
            NodeAgent agent = new NodeAgent(new NodeAgent.Identity(id, id, "team-" + (i % 2), NodeKind.NODE_KIND_AGENT,
                    "wifi-mesh-2.4"), mesh, () -> fix, () -> 80);
            agent.start(reports, 200);
            agents.add(agent);
        }
        client = Vertx.vertx();
        web = WebClient.create(client);
        ingest = new IngestClient(client, "127.0.0.1", coordinator.grpcPort(), TOKEN);
    }

    @AfterAll
    static void stop() {
        agents.forEach(NodeAgent::close);
        if (ingest != null) ingest.close();
        if (client != null) client.close().await();
        if (reports != null) reports.shutdownNow();
        if (coordinator != null) coordinator.close();
    }

    static HttpResponse<Buffer> get(String path, String token) {
        var req = web.get(coordinator.httpPort(), "127.0.0.1", path);
        if (token != null) {
            req.bearerTokenAuthentication(token);
        }
        return req.send().await();
    }

    static JsonArray nodes() {
        HttpResponse<Buffer> r = get("/api/v1/nodes", TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonArray();
    }

    static JsonObject find(JsonArray nodes, String id) {
        for (int i = 0; i < nodes.size(); i++) {
            if (id.equals(nodes.getJsonObject(i).getString("id"))) {
                return nodes.getJsonObject(i);
            }
        }
        return null;
    }

    static AssetPosition.Builder position(String id, double lat, double lon) {
        return AssetPosition.newBuilder().setAssetId(id).setLat(lat).setLon(lon).setKind("boat").setLabel(id)
                .setObservedAt(Timestamps.fromMillis(System.currentTimeMillis()));
    }
}
