package org.rescuemesh.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.agent.api.AgentApi;
import org.rescuemesh.agent.link.CommandLinkSource;
import org.rescuemesh.agent.link.LinkPoller;
import org.rescuemesh.agent.link.LinkSample;
import org.rescuemesh.agent.link.MacDirectory;
import org.rescuemesh.agent.link.MacAddress;
import org.rescuemesh.agent.link.RadioLinks;
import org.rescuemesh.gossip.GossipConfig;
import org.rescuemesh.gossip.transport.SwimMesh;
import org.rescuemesh.proto.v1.LinkReport;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;

/**
 * Three agents on real loopback UDP learn each other's MACs from gossip; alpha's link tools
 * (real processes printing the recorded batctl and iw outputs of node 02:ba:7a:df:00:01) are
 * matched to bravo and charlie, and show in alpha's /api/v1/members and in the link reports
 * alpha gossips. Charlie's tools fail: it keeps gossiping.
 */
class NodeAgentLinkSourcesTest {

    private static final GossipConfig FAST = GossipConfig.lan().withTimeScale(0.2);
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor();
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        reports.shutdownNow();
        vertx.close().await();
    }

    private Path fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/link/" + name)) {
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private NodeAgent agent(String id, List<String> seeds, RadioLinks radio, String... macs) throws Exception {
        SwimMesh mesh = SwimMesh.plain(id, LOOPBACK, seeds, FAST);
        NodeAgent agent = new NodeAgent(new NodeAgent.Identity(id, id, "team", NodeKind.NODE_KIND_AGENT, "wifi-mesh-5"),
                mesh, () -> null, () -> -1, java.util.Arrays.stream(macs).map(MacAddress::parse).toList(), radio);
        open.add(agent::close);
        agent.start(reports, 200);
        return agent;
    }

    private static String address(NodeAgent agent) {
        return ((SwimMesh) agent.mesh()).address();
    }

    private LinkPoller poller(NodeAgent agent, List<CommandLinkSource> sources) {
        LinkPoller poller = new LinkPoller(sources, agent.mesh()::members, agent.identity().id(), agent.meshMacs(),
                agent.radioLinks(), Clock.systemUTC());
        open.add(poller);
        poller.start(Duration.ofMillis(300));
        return poller;
    }

    private int api(NodeAgent agent, LinkPoller poller) {
        return new AgentApi(agent, poller::sourceCounts).listen(vertx, LOOPBACK).await().actualPort();
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static JsonObject member(JsonArray members, String id) {
        for (int i = 0; i < members.size(); i++) {
            if (id.equals(members.getJsonObject(i).getString("id"))) {
                return members.getJsonObject(i);
            }
        }
        throw new AssertionError("no member " + id + " in " + members.encode());
    }

    @Test
    void recordedToolOutputsAreMergedIntoTheRightPeersLinks() throws Exception {
        NodeAgent alpha = agent("alpha", List.of(), new RadioLinks(), "02:ba:7a:df:00:01");
        NodeAgent bravo = agent("bravo", List.of(address(alpha)), new RadioLinks(), "02:ba:7a:df:00:02");
        NodeAgent charlie = agent("charlie", List.of(address(alpha)), new RadioLinks(), "02:ba:7a:df:00:03");

        LinkPoller alphaTools = poller(alpha, List.of(
                CommandLinkSource.batctlOriginators(List.of("cat", fixture("batctl-o-batman-iv.txt").toString()),
                        Duration.ofSeconds(3)),
                CommandLinkSource.iwStationDump(List.of("cat", fixture("iw-station-dump-mesh.txt").toString()),
                        Duration.ofSeconds(3))));
        Path failing = dir.resolve("batctl-broken.sh");
        Files.writeString(failing, "echo 'Error - mesh interface bat0 is not present' >&2; exit 1\n");
        LinkPoller charlieTools = poller(charlie, List.of(
                CommandLinkSource.batctlOriginators(List.of("sh", failing.toString()), Duration.ofSeconds(3)),
                CommandLinkSource.iwStationDump(List.of("rescuemesh-no-such-iw-" + ProcessHandle.current().pid()),
                        Duration.ofSeconds(3))));
        int alphaApi = api(alpha, alphaTools);
        int charlieApi = api(charlie, charlieTools);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            JsonArray members = new JsonArray(get(alphaApi, "/api/v1/members"));
            JsonObject b = member(members, "bravo");
            assertThat(b.getString("status")).isEqualTo("alive");
            assertThat(b.getJsonArray("macs").getList()).containsExactly("02:ba:7a:df:00:02");
            assertThat(b.getInteger("batmanTq")).isEqualTo(251);
            assertThat(b.getDouble("rssiDbm")).isEqualTo(-57.0);
            assertThat(b.getDouble("bitrateKbps")).isEqualTo(65_000.0);
            assertThat(b.getJsonObject("radio").getString("mac")).isEqualTo("02:ba:7a:df:00:02");
            assertThat(b.getDouble("rttMs")).as("probe figures stay alongside").isNotNull();
            assertThat(b.getDouble("etx")).isNotNull();
            JsonObject c = member(members, "charlie");
            assertThat(c.getInteger("batmanTq")).isEqualTo(255);
            assertThat(c.getDouble("rssiDbm")).isEqualTo(-82.0);
            assertThat(c.getDouble("bitrateKbps")).isEqualTo(6_500.0);
            JsonObject self = member(members, "alpha");
            assertThat(self.getValue("radio")).isNull();
        });

        JsonObject sources = new JsonObject(get(alphaApi, "/api/v1/self")).getJsonObject("linkSources");
        assertThat(sources.getLong("samplesUnknownMac")).as("00:04 and 00:05 run no agent").isPositive();
        assertThat(sources.getJsonArray("unknownMacs").getList()).containsExactly("02:ba:7a:df:00:04", "02:ba:7a:df:00:05");
        assertThat(sources.getInteger("membersWithRadio")).isEqualTo(2);
        assertThat(sources.getJsonArray("tools").getJsonObject(0).getLong("ok")).isPositive();

        // alpha gossips the merged figures: bravo reads them from alpha's state
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            NodeState alphaSeenByBravo = bravo.mesh().members().stream().filter(m -> m.id().equals("alpha"))
                    .findFirst().orElseThrow().state();
            assertThat(alphaSeenByBravo.getMeshMacsList()).containsExactly(MacAddress.parse("02:ba:7a:df:00:01").toByteString());
            LinkReport toBravo = alphaSeenByBravo.getLinksList().stream().filter(l -> l.getPeerId().equals("bravo"))
                    .findFirst().orElseThrow();
            assertThat(toBravo.getBatmanTq()).isEqualTo(251);
            assertThat(toBravo.getHasRssi()).isTrue();
            assertThat(toBravo.getRssiDbm()).isEqualTo(-57.0);
            assertThat(toBravo.getBitrateKbps()).isEqualTo(65_000.0);
            assertThat(toBravo.getRttMs()).isPositive();
        });

        // charlie's tools fail every round; charlie keeps answering and its API says why
        JsonObject charlieSources = new JsonObject(get(charlieApi, "/api/v1/self")).getJsonObject("linkSources");
        JsonArray tools = charlieSources.getJsonArray("tools");
        assertThat(tools.getJsonObject(0).getLong("failed")).isPositive();
        assertThat(tools.getJsonObject(0).getBoolean("disabled")).isFalse();
        assertThat(tools.getJsonObject(1).getBoolean("disabled")).as("iw not installed").isTrue();
        assertThat(charlieSources.getLong("rounds")).isPositive();
        JsonArray seenByCharlie = new JsonArray(get(charlieApi, "/api/v1/members"));
        assertThat(member(seenByCharlie, "alpha").getString("status")).isEqualTo("alive");
        assertThat(member(seenByCharlie, "alpha").getValue("radio")).isNull();
        assertThat(member(seenByCharlie, "bravo").getJsonArray("macs").getList()).containsExactly("02:ba:7a:df:00:02");
    }

    @Test
    void whereTheRadioHearsAnyoneOnlyItsNeighboursAreLinks() throws Exception {
        RadioLinks alphaRadio = new RadioLinks();
        NodeAgent alpha = agent("alpha", List.of(), alphaRadio, "02:ba:7a:df:00:01");
        NodeAgent bravo = agent("bravo", List.of(address(alpha)), new RadioLinks(), "02:ba:7a:df:00:02");
        agent("charlie", List.of(address(alpha)), new RadioLinks(), "02:ba:7a:df:00:03");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(alpha.buildState().getLinksList()).extracting(LinkReport::getPeerId)
                        .as("no link tool: every member heard directly").containsExactlyInAnyOrder("bravo", "charlie"));

        // A routed mesh: charlie answers alpha's probes, but alpha's radio hears bravo only.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            alphaRadio.accept(java.util.Map.of("02:ba:7a:df:00:02", new LinkSample("02:ba:7a:df:00:02", "bat0",
                    java.util.OptionalDouble.of(-71), java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(),
                    java.util.OptionalInt.empty(), java.util.OptionalDouble.empty(), java.util.Optional.of(Duration.ZERO))),
                    MacDirectory.of(alpha.mesh().members(), "alpha", alpha.meshMacs()), System.currentTimeMillis());
            List<LinkReport> links = alpha.buildState().getLinksList();
            assertThat(links).extracting(LinkReport::getPeerId).containsExactly("bravo");
            assertThat(links.get(0).getRssiDbm()).isEqualTo(-71.0);
        });
        assertThat(bravo.buildState().getLinksList()).extracting(LinkReport::getPeerId)
                .as("bravo has no link tool").containsExactlyInAnyOrder("alpha", "charlie");
    }
}
