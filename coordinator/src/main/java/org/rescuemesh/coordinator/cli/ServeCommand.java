package org.rescuemesh.coordinator.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rescuemesh.agent.HostPort;
import org.rescuemesh.coordinator.interop.meshtastic.MeshtasticRadioLink;
import org.rescuemesh.agent.NodeIdentity;
import org.rescuemesh.agent.cli.GossipCodecs;
import org.rescuemesh.coordinator.Coordinator;
import org.rescuemesh.coordinator.auth.RateLimit;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.http.Staleness;
import org.rescuemesh.coordinator.picture.Durability;
import org.rescuemesh.agent.link.MeshInterfaces;
import org.rescuemesh.coordinator.planning.PlanningContext;
import org.rescuemesh.planner.radio.RadioCatalogue;
import org.rescuemesh.planner.radio.RadioProfile;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.terrain.DemReader;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.TerrainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coordinator.jar serve}: a production coordinator member. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a coordinator member (embedded Hazelcast; more members join with --cluster-members).")
final class ServeCommand implements Callable<Integer> {

    /** Keys of coordinator.yaml; flags override them. */
    public static final class Settings {
        public String nodeId = "coordinator-1";
        public String bindHost = "0.0.0.0";
        public int httpPort = 8080;
        public int grpcPort = 9090;
        public int gossipPort = 7946;
        public int clusterPort = 5701;
        public String clusterName = "rescuemesh";
        public String clusterMembers = "";
        public String seeds = "";
        public String tokensFile;
        /** Mission key file (as node-agent.jar keygen prints); absent: plain gossip frames. */
        public String keyFile;
        public String dataDir = "data";
        public long writeBehindMs = 0;
        public int backupCount = 1;
        /** -1 = a majority of the configured members (this one included); 0 or 1 = off. */
        public int minClusterSize = -1;
        public int trackLimit = Durability.DEFAULT_TRACK_LIMIT;
        public long assetStaleAfterS = Staleness.DEFAULT.toSeconds();
        public int liveReplay = Coordinator.Settings.DEFAULT_LIVE_REPLAY;
        public String tlsCert;
        public String tlsKey;
        public String rateLimit = "unlimited";
        /** MACs of the command post's own mesh radios, comma-separated (none by default). */
        public String meshMacs = "";
        /** DEM files (GeoTIFF or SRTM .hgt, several = a mosaic): planning needs terrain. */
        public List<String> dem = List.of();
        /** "LAT,LON" of the command post's radio; required with a DEM. */
        public String commandPost;
        public double commandPostHeightM = 10;
        /** Radio profile of relays and of nodes reporting none the catalogue knows. */
        public String radio = "uhf-handheld";
        /** TAK Cursor-on-Target stream input port; -1 = off. */
        public int takPort = -1;
        /** Meshtastic radios' client APIs, host[:port],… (none by default). */
        public String meshtastic = "";
    }

    @Option(names = "--config", description = "coordinator.yaml")
    Path config;
    @Option(names = "--node-id") String nodeId;
    @Option(names = "--bind-host", description = "address all listeners bind to (default 0.0.0.0)") String bindHost;
    @Option(names = "--http-port") Integer httpPort;
    @Option(names = "--grpc-port") Integer grpcPort;
    @Option(names = "--gossip-port") Integer gossipPort;
    @Option(names = "--cluster-port") Integer clusterPort;
    @Option(names = "--cluster-name") String clusterName;
    @Option(names = "--cluster-members", description = "other Hazelcast members host:port,…") String clusterMembers;
    @Option(names = "--seeds", description = "gossip seeds host:port,…") String seeds;
    @Option(names = "--key-file", description = "mission key file sealing the gossip (one base64 key per line, first = primary)")
    Path keyFile;
    @Option(names = "--tokens-file", description = "one 'token agency scope,scope… [rate=R[/B]]' per line") Path tokensFile;
    @Option(names = "--data-dir", description = "directory of this member's picture database (default ./data); "
            + "'none' keeps the picture in memory only") String dataDir;
    @Option(names = "--write-behind-ms", description = "0 = write-through (default): acknowledged once in the database; "
            + "> 0 = database written in batches, acknowledged once in memory on the owner and a backup") Long writeBehindMs;
    @Option(names = "--backup-count", description = "synchronous backups of every entry (default 1)") Integer backupCount;
    @Option(names = "--min-cluster-size", description = "split-brain protection: refuse writes with fewer members "
            + "(default: a majority of this member plus --cluster-members; 1 = off)") Integer minClusterSize;
    @Option(names = "--track-limit", description = "positions kept per node (default 1000)") Integer trackLimit;
    @Option(names = "--asset-stale-after-s", description = "an asset not observed for this long becomes suspect "
            + "(default 300)") Long assetStaleAfterS;
    @Option(names = "--live-replay", description = "deltas kept for resuming WebSocket clients (default 10000)")
    Integer liveReplay;
    @Option(names = "--tls-cert", description = "PEM certificate chain: HTTP and gRPC then speak TLS only") Path tlsCert;
    @Option(names = "--tls-key", description = "PEM private key of --tls-cert") Path tlsKey;
    @Option(names = "--rate-limit", description = "default per-token limit R or R/B (positions or requests per second, "
            + "burst B) for tokens without rate= (default unlimited)") String rateLimit;

    @Option(names = "--mesh-mac", description = "MACs of this command post's mesh radios aa:bb:cc:dd:ee:ff,…, gossiped "
            + "so that the agents' link tools (batctl, iw) name it as their radio neighbour") String meshMacs;

    @Option(names = "--dem", paramLabel = "DEM", description = "terrain of the operation (GeoTIFF or SRTM .hgt; "
            + "repeat to mosaic tiles): turns on planning — coverage, relays, predicted routes") List<Path> dem;
    @Option(names = "--command-post", paramLabel = "LAT,LON", description = "where the command post's radio stands "
            + "(required with --dem)") String commandPost;
    @Option(names = "--command-post-height", paramLabel = "M", description = "its antenna height above ground "
            + "(default 10)") Double commandPostHeightM;
    @Option(names = "--radio", description = "radio profile of proposed relays and of nodes that report none "
            + "(default uhf-handheld)") String radio;

    @Option(names = "--tak-port", description = "TAK Cursor-on-Target streams (ATAK, WinTAK, TAK Server; XML and "
            + "TAK protocol 1) on this TCP port, e.g. 8087: they get the picture, and their atoms become agency positions "
            + "of agency 'tak'. "
            + "The protocol carries no credentials: off by default (-1)") Integer takPort;
    @Option(names = "--meshtastic", paramLabel = "HOST[:PORT],…", description = "Meshtastic radios to read positions "
            + "from over their client API (Wi-Fi/Ethernet boards, port 4403 by default): every node the radio hears "
            + "becomes an asset of agency 'meshtastic'") String meshtastic;

    @Override
    public Integer call() throws Exception {
        Logs.configure();
        Settings s;
        TokenRegistry tokens;
        Coordinator.Settings cs;
        List<InetSocketAddress> radios;
        try {
            s = config == null ? new Settings() : new ObjectMapper(new YAMLFactory())
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(config.toFile(), Settings.class);
            if (nodeId != null) s.nodeId = nodeId;
            if (bindHost != null) s.bindHost = bindHost;
            if (httpPort != null) s.httpPort = httpPort;
            if (grpcPort != null) s.grpcPort = grpcPort;
            if (gossipPort != null) s.gossipPort = gossipPort;
            if (clusterPort != null) s.clusterPort = clusterPort;
            if (clusterName != null) s.clusterName = clusterName;
            if (clusterMembers != null) s.clusterMembers = clusterMembers;
            if (seeds != null) s.seeds = seeds;
            if (tokensFile != null) s.tokensFile = tokensFile.toString();
            if (keyFile != null) s.keyFile = keyFile.toString();
            if (dataDir != null) s.dataDir = dataDir;
            if (writeBehindMs != null) s.writeBehindMs = writeBehindMs;
            if (backupCount != null) s.backupCount = backupCount;
            if (minClusterSize != null) s.minClusterSize = minClusterSize;
            if (trackLimit != null) s.trackLimit = trackLimit;
            if (assetStaleAfterS != null) s.assetStaleAfterS = assetStaleAfterS;
            if (liveReplay != null) s.liveReplay = liveReplay;
            if (tlsCert != null) s.tlsCert = tlsCert.toString();
            if (tlsKey != null) s.tlsKey = tlsKey.toString();
            if (rateLimit != null) s.rateLimit = rateLimit;
            if (meshMacs != null) s.meshMacs = meshMacs;
            if (dem != null) s.dem = dem.stream().map(Path::toString).toList();
            if (commandPost != null) s.commandPost = commandPost;
            if (commandPostHeightM != null) s.commandPostHeightM = commandPostHeightM;
            if (radio != null) s.radio = radio;
            if (takPort != null) s.takPort = takPort;
            if (meshtastic != null) s.meshtastic = meshtastic;
            NodeIdentity.require(s.nodeId);
            Ports.check("--http-port", s.httpPort);
            Ports.check("--grpc-port", s.grpcPort);
            Ports.check("--gossip-port", s.gossipPort);
            Ports.check("--cluster-port", s.clusterPort);
            if (s.takPort != -1) {
                Ports.check("--tak-port", s.takPort);
            }
            radios = MeshtasticRadioLink.parseRadios(s.meshtastic);
            if (s.tokensFile == null) {
                throw new IllegalArgumentException("--tokens-file is required: without tokens nobody could use the API");
            }
            tokens = TokenRegistry.load(Path.of(s.tokensFile), RateLimit.parse(s.rateLimit));
            List<String> members = Arrays.stream(s.clusterMembers.split(",")).map(String::strip)
                    .filter(m -> !m.isEmpty()).peek(HostPort::parse).toList();
            int quorum = s.minClusterSize >= 0 ? s.minClusterSize : members.isEmpty() ? 1 : (members.size() + 1) / 2 + 1;
            if (s.assetStaleAfterS < 1) {
                throw new IllegalArgumentException("--asset-stale-after-s must be >= 1");
            }
            if (s.liveReplay < 1 || s.liveReplay > 10_000_000) {
                throw new IllegalArgumentException("--live-replay must be 1..10000000");
            }
            if ((s.tlsCert == null) != (s.tlsKey == null)) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            Coordinator.Tls tls = null;
            if (s.tlsCert != null) {
                for (String f : List.of(s.tlsCert, s.tlsKey)) {
                    if (!Files.isReadable(Path.of(f))) {
                        throw new IllegalArgumentException("cannot read " + f);
                    }
                }
                tls = new Coordinator.Tls(Path.of(s.tlsCert), Path.of(s.tlsKey));
            }
            Durability durability = new Durability(s.dataDir.equals("none") ? null : Path.of(s.dataDir), s.writeBehindMs,
                    s.backupCount, quorum, s.trackLimit);
            cs = new Coordinator.Settings(s.nodeId, s.bindHost, s.httpPort, s.grpcPort,
                    new InetSocketAddress(s.bindHost, s.gossipPort), HostPort.parseList(s.seeds),
                    s.clusterName, s.clusterPort, members, tokens)
                    .withDurability(durability).withTls(tls)
                    .withMissionKeys(GossipCodecs.keyring(s.keyFile == null ? null : Path.of(s.keyFile)))
                    .withLive(Duration.ofSeconds(s.assetStaleAfterS), s.liveReplay)
                    .withMeshMacs(MeshInterfaces.parseMacList("--mesh-mac", s.meshMacs)).withTakPort(s.takPort);
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        PlanningContext planning;
        try {
            planning = planningContext(s);
        } catch (IllegalArgumentException | TerrainException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Coordinator coordinator;
        try {
            coordinator = Coordinator.start(cs, planning);
        } catch (Exception e) {
            System.err.println("error: cannot start: " + Ports.explain(e));
            return 1;
        }
        radios.forEach(r -> coordinator.connectMeshtastic(r.getHostString(), r.getPort()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            coordinator.close();
            stopped.countDown();
        }, "coordinator-shutdown"));
        System.out.println("coordinator " + s.nodeId + ": http " + coordinator.httpPort() + ", grpc "
                + coordinator.grpcPort() + ", gossip " + HostPort.format(coordinator.gossipAddress())
                + (coordinator.takPort() < 0 ? "" : ", TAK CoT " + coordinator.takPort())
                + (radios.isEmpty() ? "" : ", Meshtastic radios " + radios.stream().map(HostPort::format).toList()));
        stopped.await();
        return 0;
    }

    /** The terrain, command post and radio planning works with; null without a DEM. */
    private static PlanningContext planningContext(Settings s) {
        if (s.dem.isEmpty()) {
            if (s.commandPost != null) {
                throw new IllegalArgumentException("--command-post needs --dem (planning works over terrain)");
            }
            return null;
        }
        if (s.commandPost == null) {
            throw new IllegalArgumentException("--dem needs --command-post LAT,LON (where the command post's radio stands)");
        }
        String[] latLon = s.commandPost.split(",");
        GeoPoint post;
        try {
            if (latLon.length != 2) {
                throw new IllegalArgumentException("want LAT,LON");
            }
            post = new GeoPoint(Double.parseDouble(latLon[0].strip()), Double.parseDouble(latLon[1].strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--command-post '" + s.commandPost + "': " + e.getMessage());
        }
        if (!(s.commandPostHeightM >= 0 && s.commandPostHeightM <= 3000)) {
            throw new IllegalArgumentException("--command-post-height must be 0..3000 m, got " + s.commandPostHeightM);
        }
        if (!RadioCatalogue.isKnown(s.radio)) {
            throw new IllegalArgumentException("--radio: unknown radio profile '" + s.radio + "'; known: "
                    + RadioCatalogue.all().stream().map(RadioProfile::name).toList());
        }
        List<Path> files = s.dem.stream().map(Path::of).toList();
        ElevationGrid grid = files.size() == 1 ? DemReader.read(files.get(0)) : DemReader.readMosaic(files);
        double[] xy = grid.crs().fromLonLat(post.lon(), post.lat());
        if (Double.isNaN(grid.elevationAt(xy[0], xy[1]))) {
            throw new IllegalArgumentException("the command post " + s.commandPost + " is outside the DEM (or on a void)");
        }
        return new PlanningContext(grid, post, s.commandPostHeightM, List.of(), s.radio);
    }
}
