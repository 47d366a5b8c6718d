package org.rescuemesh.coordinator.demo;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.rescuemesh.agent.HostPort;
import org.rescuemesh.coordinator.ScratchDirectory;
import org.rescuemesh.agent.NodeAgent;
import org.rescuemesh.agent.cli.GossipCodecs;
import org.rescuemesh.agent.link.MacAddress;
import org.rescuemesh.agent.link.RadioLinks;
import org.rescuemesh.agent.relay.RelayConfig;
import org.rescuemesh.agent.relay.RelayService;
import org.rescuemesh.agent.relay.SwimRelay;
import org.rescuemesh.gossip.GossipConfig;
import org.rescuemesh.gossip.transport.SwimMesh;
import org.rescuemesh.gossip.wire.Keyring;
import java.time.Instant;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.agent.position.GeoBox;
import org.rescuemesh.agent.position.SimulatedWalker;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;

/**
 * The demo's simulated field agents: real {@link NodeAgent}s with real gossip sockets on
 * loopback, grouped in teams of eight that each start from their own staging point.
 */
public final class FieldTeams implements AutoCloseable {

    static final String[] TEAMS = {"usar-alpha", "usar-bravo", "usar-charlie", "usar-delta", "usar-echo"};

    private final ScheduledExecutorService reports = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "demo-agent-reports");
        t.setDaemon(true);
        return t;
    });
    private final List<NodeAgent> agents = new ArrayList<>();
    private final List<RelayService> relays = new ArrayList<>();
    private ScratchDirectory scratch;

    /**
     * @param basePort first gossip port (0 = ephemeral ports)
     * @param missionKeys keyring all agents seal their gossip under
     * @param messagesDir where each agent keeps its message journal, or null for a temporary directory
     */
    public static FieldTeams start(int count, String host, int basePort, InetSocketAddress seed, long seed64,
                                   DemoTerrain terrain, Keyring missionKeys, Path messagesDir) throws Exception {
        SearchArea area = terrain.area();
        FieldTeams teams = new FieldTeams();
        try {
            if (messagesDir == null) {
                teams.scratch = ScratchDirectory.create("rescuemesh-demo-messages-");
                messagesDir = teams.scratch.path();
            }
            SplittableRandom random = new SplittableRandom(seed64);
            // Each team searches its own sector: a 3 km square around a staging point in the area.
            GeoBox[] sectors = new GeoBox[TEAMS.length];
            double half = 1500 / 111_320.0;
            for (int t = 0; t < TEAMS.length; t++) {
                double lat = area.south() + half + random.nextDouble() * (area.north() - area.south() - 2 * half);
                double lon = area.west() + half + random.nextDouble() * (area.east() - area.west() - 2 * half);
                sectors[t] = new GeoBox(lat - half, lon - half, lat + half, lon + half);
            }
            Instant start = Instant.now();
            for (int i = 0; i < count; i++) {
                int team = (i / 8) % TEAMS.length;
                String id = TEAMS[team].substring(5) + "-" + String.format("%02d", i % 8 + 1)
                        + (i >= 8 * TEAMS.length ? "-" + (i / (8 * TEAMS.length)) : "");
                InetSocketAddress bind = new InetSocketAddress(host, basePort == 0 ? 0 : basePort + i);
                SwimMesh mesh = GossipCodecs.swimMesh(id, bind, List.of(HostPort.format(seed)), GossipConfig.lan(),
                        missionKeys);
                SimulatedWalker walker = new SimulatedWalker(random.nextLong(), sectors[team], start);
                double battery = 40 + random.nextDouble(60);
                // Each radio gets a locally administered MAC: the demo's radio model names the
                // neighbours it hears by MAC, as batctl and iw do on a real mesh.
                NodeAgent agent = new NodeAgent(new NodeAgent.Identity(id, id, TEAMS[team], NodeKind.NODE_KIND_AGENT,
                        DemoTerrain.RADIO), mesh, () -> onTheGround(walker.positionAt(Instant.now()), terrain), () -> battery,
                        List.of(radioMac(i)), new RadioLinks());
                RelayService relay = SwimRelay.attach(mesh, messagesDir.resolve(id), NodeState.newBuilder().setNodeId(id)
                        .setTeam(TEAMS[team]).setKind(NodeKind.NODE_KIND_AGENT).build(), RelayConfig.lan(),
                        GossipConfig.lan().maxFrameBytes());
                teams.relays.add(relay);
                agent.start(teams.reports, 1000);
                relay.start(500);
                teams.agents.add(agent);
            }
            return teams;
        } catch (Exception e) {
            teams.close();
            throw e;
        }
    }

    /** The demo radio of field agent {@code index}: 02:52:4d (locally administered, "RM") + index. */
    static MacAddress radioMac(int index) {
        return new MacAddress(0x02_52_4d_00_00_00L | index);
    }

    /** The command post's demo radio. */
    public static final MacAddress COMMAND_POST_MAC = new MacAddress(0x02_52_4d_ff_ff_01L);

    /** A searcher carries the radio about 1.5 m above the ground. */
    private static GeoPosition onTheGround(GeoPosition p, DemoTerrain terrain) {
        double ground = terrain.elevationAt(p.getLatDeg(), p.getLonDeg());
        return Double.isNaN(ground) ? p : p.toBuilder().setAltM(ground + 1.5).setAltKnown(true).build();
    }

    public List<NodeAgent> agents() {
        return agents;
    }

    /** The agents' message stores, in the order of {@link #agents()}. */
    public List<RelayService> relays() {
        return relays;
    }

    @Override
    public void close() {
        // Each agent announces its leave and waits a few gossip rounds: close them side by side.
        java.util.concurrent.ExecutorService closer = Executors.newFixedThreadPool(Math.max(1, agents.size()));
        agents.forEach(a -> closer.execute(a::close));
        closer.shutdown();
        try {
            closer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relays.forEach(RelayService::close);
        reports.shutdownNow();
        if (scratch != null) {
            scratch.close();
        }
    }
}
