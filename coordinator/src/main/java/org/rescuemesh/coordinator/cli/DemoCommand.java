package org.rescuemesh.coordinator.cli;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rescuemesh.agent.HostPort;
import org.rescuemesh.coordinator.Coordinator;
import org.rescuemesh.coordinator.interop.meshtastic.MeshtasticRadioLink;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.picture.Durability;
import org.rescuemesh.coordinator.demo.AgencyFeed;
import org.rescuemesh.coordinator.demo.DemoRadio;
import org.rescuemesh.coordinator.demo.DemoTerrain;
import org.rescuemesh.coordinator.demo.FieldTeams;
import org.rescuemesh.coordinator.demo.TeamRadioTraffic;
import org.rescuemesh.coordinator.demo.VolunteerRadio;
import org.rescuemesh.coordinator.demo.SearchArea;
import org.rescuemesh.gossip.wire.Keyring;
import org.rescuemesh.planner.propagation.ItmLinkPredictor;
import org.rescuemesh.planner.radio.ItmParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coordinator.jar demo}: the whole system on one machine, out of the box. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Coordinator with embedded Hazelcast, simulated field agents on real loopback gossip "
                + "and a simulated agency feed over gRPC. Prints the map URL and the token. Ctrl-C stops it.")
final class DemoCommand implements Callable<Integer> {

    /** The demo's SOS comes soon enough to be seen in a first look at the map. */
    private static final long SOS_AFTER_S = 45;
    private static final long REPORT_EVERY_S = 120;
    private static final String COMMAND_POST = "command-post";

    @Option(names = "--agents", defaultValue = "40", description = "simulated field agents (0..2000, default ${DEFAULT-VALUE})")
    int agents;
    @Option(names = "--http-port", defaultValue = "8080", description = "map + REST port (default ${DEFAULT-VALUE})")
    int httpPort;
    @Option(names = "--grpc-port", defaultValue = "9090", description = "agency gRPC port (default ${DEFAULT-VALUE})")
    int grpcPort;
    @Option(names = "--gossip-port", defaultValue = "7946", description = "coordinator gossip UDP port; agents take "
            + "the next ports (default ${DEFAULT-VALUE}; 0 = ephemeral)")
    int gossipPort;
    @Option(names = "--tak-port", defaultValue = "8087", description = "TAK Cursor-on-Target stream (the picture "
            + "out, positions in): point ATAK/WinTAK/a TAK Server here (default ${DEFAULT-VALUE}; -1 = off)")
    int takPort;
    @Option(names = "--meshtastic", paramLabel = "HOST[:PORT],…", description = "also read positions from these "
            + "Meshtastic radios' client API (port 4403 by default); none by default")
    String meshtastic;
    @Option(names = "--cluster-port", defaultValue = "5701", description = "Hazelcast member port (default ${DEFAULT-VALUE})")
    int clusterPort;
    @Option(names = "--seed", defaultValue = "42", description = "seed of the simulation (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--token", description = "demo token (random and printed when absent)")
    String token;
    @Option(names = "--data-dir", description = "keep the picture in a database under this directory "
            + "(default: in memory only)")
    java.nio.file.Path dataDir;
    @Option(names = "--radio", defaultValue = "terrain", description = "who hears whom: terrain (predicted over the "
            + "demo's terrain: radio links by quality, teams behind ridges cut off; up to " + TERRAIN_RADIO_MAX_AGENTS
            + " agents) or ideal (everyone hears everyone); default ${DEFAULT-VALUE}")
    String radio;

    /** The terrain radio predicts every pair every few seconds: n² links. */
    static final int TERRAIN_RADIO_MAX_AGENTS = 200;

    @Override
    public Integer call() throws Exception {
        Logs.configure();
        List<InetSocketAddress> meshtasticRadios;
        try {
            meshtasticRadios = MeshtasticRadioLink.parseRadios(meshtastic);
            Ports.check("--http-port", httpPort);
            Ports.check("--grpc-port", grpcPort);
            Ports.check("--gossip-port", gossipPort);
            Ports.check("--cluster-port", clusterPort);
            if (takPort != -1) {
                Ports.check("--tak-port", takPort);
            }
            if (agents < 0 || agents > 2000) {
                throw new IllegalArgumentException("--agents must be 0..2000, got " + agents);
            }
            if (!radio.equals("terrain") && !radio.equals("ideal")) {
                throw new IllegalArgumentException("--radio must be terrain or ideal, got '" + radio + "'");
            }
            if (radio.equals("terrain") && agents > TERRAIN_RADIO_MAX_AGENTS) {
                System.err.println("note: --radio terrain models up to " + TERRAIN_RADIO_MAX_AGENTS + " agents; "
                        + agents + " agents get the ideal radio");
                radio = "ideal";
            }
            if (gossipPort != 0 && gossipPort + agents > 65535) {
                throw new IllegalArgumentException("--gossip-port " + gossipPort + " leaves no room for " + agents + " agents");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (token == null) {
            byte[] b = new byte[12];
            new SecureRandom().nextBytes(b);
            token = HexFormat.of().formatHex(b);
        }
        TokenRegistry tokens;
        try {
            tokens = TokenRegistry.single(token, "demo");
        } catch (IllegalArgumentException e) {
            System.err.println("error: --token: " + e.getMessage());
            return 2;
        }
        String host = "127.0.0.1";
        DemoTerrain terrain = DemoTerrain.generate(seed, SearchArea.DEMO);
        // A fresh mission key per run: the demo's gossip is sealed like a real mission's.
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Keyring missionKeys = Keyring.of(key);
        Coordinator coordinator;
        try {
            coordinator = Coordinator.start(new Coordinator.Settings(COMMAND_POST, host, httpPort, grpcPort,
                    new InetSocketAddress(host, gossipPort), List.of(), "rescuemesh-demo", clusterPort, List.of(), tokens)
                    .withDurability(dataDir == null ? Durability.inMemory() : Durability.writeThrough(dataDir, 1))
                    .withMissionKeys(missionKeys).withMeshMacs(List.of(FieldTeams.COMMAND_POST_MAC)).withTakPort(takPort),
                    terrain.planningContext());
        } catch (Exception e) {
            System.err.println("error: cannot start the coordinator: " + Ports.explain(e));
            return 1;
        }
        FieldTeams field;
        AgencyFeed feed;
        TeamRadioTraffic traffic;
        DemoRadio radioModel;
        VolunteerRadio volunteers;
        try {
            field = FieldTeams.start(agents, host, gossipPort == 0 ? 0 : gossipPort + 1, coordinator.gossipAddress(), seed,
                    terrain, missionKeys, dataDir == null ? null : dataDir.resolve("field-agents"));
            radioModel = radio.equals("terrain") ? DemoRadio.start(new ItmLinkPredictor(terrain.grid(),
                    ItmParameters.defaults()), field, coordinator, COMMAND_POST, terrain.planningContext()) : null;
            traffic = TeamRadioTraffic.start(field, seed, SOS_AFTER_S, REPORT_EVERY_S);
            feed = new AgencyFeed(coordinator.vertx(), host, coordinator.grpcPort(), token, SearchArea.DEMO);
            volunteers = VolunteerRadio.start(coordinator.vertx(), SearchArea.DEMO);
            coordinator.connectMeshtastic(host, volunteers.port());
        } catch (Exception e) {
            coordinator.close();
            System.err.println("error: cannot start the simulated field: " + Ports.explain(e));
            return 1;
        }
        meshtasticRadios.forEach(r -> coordinator.connectMeshtastic(r.getHostString(), r.getPort()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping demo…");
            feed.close();
            volunteers.close();
            traffic.close();
            if (radioModel != null) {
                radioModel.close();
            }
            field.close();
            coordinator.close();
            stopped.countDown();
        }, "demo-shutdown"));
        String base = "http://" + host + ":" + coordinator.httpPort();
        System.out.println();
        System.out.println("RescueMesh demo running: " + agents + " field agents, 1 helicopter, 2 boats, "
                + "a volunteer team with Meshtastic radios.");
        System.out.println("  map:    " + base + "/#token=" + token);
        System.out.println("  token:  " + token);
        System.out.println("  REST:   curl -H 'Authorization: Bearer " + token + "' " + base + "/api/v1/nodes");
        System.out.println("  gRPC:   " + host + ":" + coordinator.grpcPort() + " (rescuemesh.v1.PositionIngest)");
        System.out.println("  gossip: " + host + ":" + coordinator.gossipAddress().getPort() + " (UDP)");
        if (coordinator.takPort() >= 0) {
            System.out.println("  TAK:    " + host + ":" + coordinator.takPort() + " (Cursor-on-Target stream, XML or TAK protocol 1)");
        }
        System.out.println("  Meshtastic: the volunteers' radio (simulated) at " + host + ":" + volunteers.port());
        for (InetSocketAddress r : meshtasticRadios) {
            System.out.println("  Meshtastic radio: " + HostPort.format(r) + " (positions of the nodes it hears)");
        }
        System.out.println("  radio:  " + (radioModel != null ? "terrain (who hears whom predicted over the demo's hills; "
                + "--radio ideal: everyone hears everyone)" : "ideal (everyone hears everyone)"));
        System.out.println("Ctrl-C stops it.");
        stopped.await();
        return 0;
    }
}
