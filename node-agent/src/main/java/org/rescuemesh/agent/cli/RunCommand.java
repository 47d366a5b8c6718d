package org.rescuemesh.agent.cli;

import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Callable;
import org.rescuemesh.agent.Battery;
import org.rescuemesh.agent.HostPort;
import org.rescuemesh.agent.NodeAgent;
import java.util.List;
import org.rescuemesh.agent.api.AgentApi;
import org.rescuemesh.agent.link.LinkPoller;
import org.rescuemesh.agent.link.LinkSourceSpec;
import org.rescuemesh.agent.link.MacAddress;
import org.rescuemesh.agent.link.MeshInterfaces;
import org.rescuemesh.agent.link.RadioLinks;
import java.io.IOException;
import org.rescuemesh.agent.relay.RelayConfig;
import org.rescuemesh.agent.relay.RelayService;
import org.rescuemesh.agent.relay.SwimRelay;
import org.rescuemesh.gossip.transport.SwimMesh;
import org.rescuemesh.proto.v1.NodeState;
import java.time.Clock;
import org.rescuemesh.agent.position.PositionSource;
import org.rescuemesh.agent.position.PositionSpec;
import org.rescuemesh.gossip.GossipConfig;
import org.rescuemesh.gossip.wire.KeyFileException;
import org.rescuemesh.gossip.wire.Keyring;
import org.rescuemesh.proto.v1.NodeKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code node-agent.jar run}: a field agent until Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a field agent: gossip member, position and link reports, local API.")
final class RunCommand implements Callable<Integer> {

    /** How often queued messages are reconsidered (also right after membership changes). */
    static final long RELAY_TICK_MS = 500;

    @Option(names = "--config", description = "agent.yaml; flags override its keys")
    Path config;
    @Option(names = "--id", description = "node id, 1..64 of [A-Za-z0-9._:-] (required here or in the config)")
    String id;
    @Option(names = "--name", description = "display name / call sign (default: the id)")
    String name;
    @Option(names = "--team", description = "team name (default: unassigned)")
    String team;
    @Option(names = "--bind", description = "gossip endpoint host:port (default 0.0.0.0:7946)")
    String bind;
    @Option(names = "--api", description = "local API host:port, or 'off' (default 127.0.0.1:7070)")
    String api;
    @Option(names = "--seeds", description = "gossip seeds host:port,host:port")
    String seeds;
    @Option(names = "--data-dir", description = "directory for the agent's durable state: the message journal "
            + "(default agent-data/ID)")
    String dataDir;
    @Option(names = "--key-file", description = "mission key file (from 'keygen'; one base64 key per line, first = primary)")
    String keyFile;
    @Option(names = "--position", description = "position source: static:LAT,LON[,ALT_M] | gpsd[:HOST[:PORT]] | "
            + "nmea:PATH | walk:SEED:SOUTH,WEST,NORTH,EAST")
    String position;
    @Option(names = "--profile", description = "gossip profile: lan (Wi-Fi/batman-adv, 1 s probes) or lora "
            + "(200-byte frames, minutes between probes, 1 % duty cycle); default lan")
    String profile;
    @Option(names = "--report-interval-ms", description = "state refresh interval (default 1000)")
    Long reportIntervalMs;
    @Option(names = "--mesh-interface", description = "mesh radio interface (bat0, wlan0, mesh0): its MAC and, "
            + "for batman-adv, its hard interfaces' MACs are gossiped; batctl/iw are run on it "
            + "(default: MACs of every physical interface; batctl on bat0, iw on wlan0)")
    String meshInterface;
    @Option(names = "--mesh-mac", description = "MACs to gossip instead of discovering them: aa:bb:cc:dd:ee:ff,...")
    String meshMacs;
    @Option(names = "--link-source", description = "radio link figures merged into link reports: none (default), "
            + "batctl (batman-adv TQ/throughput from 'batctl meshif IF o -n'), iw (signal and bitrate from "
            + "'iw dev IF station dump') or batctl,iw")
    String linkSource;
    @Option(names = "--link-command", description = "command line replacing the one link tool's (no shell; "
            + "split on blanks), e.g. 'ssh router batctl o -n'")
    String linkCommand;
    @Option(names = "--link-interval-ms", description = "time between link tool runs (default 5000); a run is "
            + "killed after min(3 s, interval)")
    Long linkIntervalMs;

    @Override
    public Integer call() throws Exception {
        AgentSettings s;
        try {
            s = config == null ? new AgentSettings() : AgentSettings.load(config);
        } catch (Exception e) {
            System.err.println("error: cannot read config " + config + ": " + e.getMessage());
            return 2;
        }
        if (id != null) s.id = id;
        if (name != null) s.name = name;
        if (team != null) s.team = team;
        if (bind != null) s.bind = bind;
        if (api != null) s.api = api;
        if (seeds != null) s.seeds = seeds;
        if (dataDir != null) s.dataDir = dataDir;
        if (position != null) s.position = position;
        if (keyFile != null) s.keyFile = keyFile;
        if (profile != null) s.profile = profile;
        if (meshInterface != null) s.meshInterface = meshInterface;
        if (meshMacs != null) s.meshMacs = meshMacs;
        if (linkSource != null) s.linkSource = linkSource;
        if (linkCommand != null) s.linkCommand = linkCommand;
        if (linkIntervalMs != null) s.linkIntervalMs = linkIntervalMs;
        if (reportIntervalMs != null) s.reportIntervalMs = reportIntervalMs;
        else if ("lora".equals(s.profile) && s.reportIntervalMs == AgentSettings.DEFAULT_REPORT_INTERVAL_MS) {
            // Every state report is a gossip update; on a 1 % duty cycle one every few minutes is the budget.
            s.reportIntervalMs = AgentSettings.LORA_REPORT_INTERVAL_MS;
        }

        NodeAgent.Identity identity;
        InetSocketAddress gossipBind;
        InetSocketAddress apiBind;
        PositionSpec positionSpec;
        Keyring keys;
        GossipConfig gossip;
        LinkSourceSpec links;
        List<MacAddress> explicitMacs;
        try {
            if (s.id == null) {
                throw new IllegalArgumentException("--id is required (or 'id:' in the config)");
            }
            if (s.reportIntervalMs < 50 || s.reportIntervalMs > 3_600_000) {
                throw new IllegalArgumentException("--report-interval-ms must be 50..3600000");
            }
            identity = new NodeAgent.Identity(s.id, s.name == null ? s.id : s.name, s.team, NodeKind.NODE_KIND_AGENT, s.radioProfile);
            gossipBind = HostPort.parse(s.bind);
            apiBind = "off".equals(s.api) ? null : HostPort.parse(s.api);
            positionSpec = s.position == null ? null : PositionSpec.parse(s.position);
            HostPort.parseList(s.seeds);
            gossip = GossipConfig.profile(s.profile);
            keys = GossipCodecs.keyring(s.keyFile == null ? null : Path.of(s.keyFile));
            links = LinkSourceSpec.parse(s.linkSource, s.linkCommand, s.linkIntervalMs);
            explicitMacs = s.meshMacs == null ? null : MeshInterfaces.parseMacList("--mesh-mac", s.meshMacs);
            if (s.meshInterface != null && !s.meshInterface.matches("[A-Za-z0-9._-]{1,15}")) {
                throw new IllegalArgumentException("--mesh-interface: not an interface name: '" + s.meshInterface + "'");
            }
        } catch (IllegalArgumentException | KeyFileException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }

        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-reports");
            t.setDaemon(true);
            return t;
        });
        SwimMesh mesh = GossipCodecs.swimMesh(identity.id(), gossipBind,
                HostPort.parseList(s.seeds).stream().map(HostPort::format).toList(), gossip, keys);
        Path dataPath = Path.of(s.dataDir != null ? s.dataDir : "agent-data/" + identity.id());
        RelayService relay;
        try {
            relay = SwimRelay.attach(mesh, dataPath, NodeState.newBuilder().setNodeId(identity.id())
                    .setTeam(identity.team()).setKind(identity.kind()).build(), RelayConfig.profile(s.profile), gossip.maxFrameBytes());
        } catch (IOException e) {
            System.err.println("error: cannot open the message journal in " + dataPath + ": " + e.getMessage());
            return 1;
        }
        PositionSource positions = positionSpec == null ? null : positionSpec.open(Clock.systemUTC(), scheduler);
        MeshInterfaces interfaces = new MeshInterfaces();
        List<MacAddress> macs = explicitMacs != null ? explicitMacs : interfaces.discover(s.meshInterface);
        RadioLinks radio = new RadioLinks();
        NodeAgent agent = new NodeAgent(identity, mesh,
                () -> positions == null ? null : positions.latest().orElse(null), Battery::readPct, macs, radio);
        LinkPoller poller = links.isNone() ? null : new LinkPoller(
                links.open(s.meshInterface == null ? LinkSourceSpec.DEFAULT_BATMAN_INTERFACE : s.meshInterface,
                        s.meshInterface == null ? LinkSourceSpec.DEFAULT_WIFI_INTERFACE
                                : interfaces.wifiInterfaceOf(s.meshInterface)),
                mesh::members, identity.id(), macs, radio, Clock.systemUTC());
        Vertx vertx = Vertx.vertx();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (poller != null) {
                poller.close();
            }
            agent.close();
            relay.close();
            if (positions != null) {
                positions.close();
            }
            vertx.close();
            stopped.countDown();
        }, "agent-shutdown"));
        try {
            if (positions != null) {
                positions.start();
            }
            agent.start(scheduler, s.reportIntervalMs);
            relay.start(RELAY_TICK_MS);
            if (poller != null) {
                poller.start(links.interval());
            }
            if (apiBind != null) {
                new AgentApi(agent, poller == null ? List::of : poller::sourceCounts, relay).listen(vertx, apiBind).await();
            }
        } catch (Exception e) {
            System.err.println("error: cannot start the agent: " + e.getMessage());
            return 1;
        }
        System.out.println("agent " + identity.id() + " gossip on " + HostPort.format(gossipBind)
                + (apiBind == null ? "" : ", local API on http://" + HostPort.format(apiBind) + "/api/v1/self"));
        System.out.println("messages: journal " + dataPath.resolve(SwimRelay.JOURNAL));
        System.out.println("mesh MACs " + (macs.isEmpty() ? "none" : macs.stream().map(MacAddress::toString)
                .collect(java.util.stream.Collectors.joining(","))) + "; link source " + links.describe());
        stopped.await();
        return 0;
    }
}
