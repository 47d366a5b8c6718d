package org.rescuemesh.coordinator;

import com.google.protobuf.util.Timestamps;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.server.GrpcServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.grpc.server.GrpcServerOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.rescuemesh.agent.HostPort;
import org.rescuemesh.agent.api.MessageRoutes;
import org.rescuemesh.agent.relay.Destination;
import org.rescuemesh.agent.relay.RelayConfig;
import org.rescuemesh.agent.relay.RelayService;
import org.rescuemesh.agent.relay.StoredMessage;
import org.rescuemesh.agent.relay.SwimRelay;
import org.rescuemesh.gossip.transport.SwimMesh;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.agent.cli.GossipCodecs;
import org.rescuemesh.gossip.GossipConfig;
import org.rescuemesh.gossip.wire.Keyring;
import org.rescuemesh.coordinator.auth.RateLimiter;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.http.LiveFeed;
import org.rescuemesh.coordinator.http.Staleness;
import org.rescuemesh.coordinator.ingest.IngestMetrics;
import org.rescuemesh.coordinator.picture.Durability;
import org.rescuemesh.coordinator.picture.PictureDatabase;
import org.rescuemesh.coordinator.http.PlannerApi;
import org.rescuemesh.coordinator.http.RoutesApi;
import org.rescuemesh.coordinator.http.SearchAreasApi;
import org.rescuemesh.coordinator.http.RestApi;
import org.rescuemesh.coordinator.planning.PlanningContext;
import org.rescuemesh.coordinator.planning.PlanJobs;
import org.rescuemesh.coordinator.planning.SearchAreas;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.coordinator.ingest.GrpcIngest;
import org.rescuemesh.coordinator.ingest.IngestService;
import org.rescuemesh.coordinator.picture.HazelcastPictureStore;
import org.rescuemesh.coordinator.picture.HazelcastSetup;
import org.rescuemesh.coordinator.picture.PictureStore;
import org.rescuemesh.agent.link.MacAddress;
import org.rescuemesh.coordinator.interop.GatewayMetrics;
import org.rescuemesh.coordinator.interop.meshtastic.MeshtasticRadioLink;
import org.rescuemesh.coordinator.interop.tak.TakStreamServer;
import io.vertx.core.net.NetServer;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * One coordinator member: embedded Hazelcast (the picture), a gossip member feeding it, the
 * HTTP server (REST + map) and the gRPC server (agency ingest). Built by {@link #start}.
 */
public final class Coordinator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Coordinator.class.getName());
    /** How often the message relay reconsiders its queue (it also wakes on arrivals). */
    private static final long RELAY_TICK_MS = 500;

    /**
     * Everything a coordinator member needs to start. Port 0 picks a free port.
     *
     * @param durability      backups, split-brain protection, member database and track length
     * @param assetStaleAfter age after which an agency asset's status becomes suspect
     * @param liveReplay      deltas kept for WebSocket clients resuming with since=
     * @param tls             PEM certificate and key for HTTP and gRPC, or null for plain text
     * @param missionKeys     keyring sealing the gossip (AES-256-GCM), or null for plain frames
     * @param meshMacs        the command post's mesh radio addresses, gossiped in its state so that
     *                        the agents' link tools can name it as a radio neighbour
     * @param takPort         TCP port of the TAK Cursor-on-Target stream input; -1 = off, 0 = any free port
     */
    public record Settings(String nodeId, String bindHost, int httpPort, int grpcPort,
                           InetSocketAddress gossipBind, List<InetSocketAddress> seeds,
                           String clusterName, int clusterPort, List<String> clusterMembers,
                           TokenRegistry tokens, Durability durability, Duration assetStaleAfter, int liveReplay,
                           Tls tls, Keyring missionKeys, List<MacAddress> meshMacs, int takPort) {

        public Settings {
            meshMacs = List.copyOf(meshMacs);
            if (takPort < -1 || takPort > 65535) {
                throw new IllegalArgumentException("TAK port must be 0..65535 (or -1 for off), got " + takPort);
            }
        }

        /** Listens for TAK Cursor-on-Target streams on this port (0: any free port). */
        public Settings withTakPort(int port) {
            return new Settings(nodeId, bindHost, httpPort, grpcPort, gossipBind, seeds, clusterName, clusterPort,
                    clusterMembers, tokens, durability, assetStaleAfter, liveReplay, tls, missionKeys, meshMacs, port);
        }

        public static final int DEFAULT_LIVE_REPLAY = 10_000;

        /** In-memory picture, default stale time and replay buffer, plain text. */
        public Settings(String nodeId, String bindHost, int httpPort, int grpcPort,
                        InetSocketAddress gossipBind, List<InetSocketAddress> seeds,
                        String clusterName, int clusterPort, List<String> clusterMembers,
                        TokenRegistry tokens) {
            this(nodeId, bindHost, httpPort, grpcPort, gossipBind, seeds, clusterName, clusterPort, clusterMembers,
                    tokens, Durability.inMemory(), Staleness.DEFAULT, DEFAULT_LIVE_REPLAY, null, null, List.of(), -1);
        }

        public Settings withDurability(Durability d) {
            return new Settings(nodeId, bindHost, httpPort, grpcPort, gossipBind, seeds, clusterName, clusterPort,
                    clusterMembers, tokens, d, assetStaleAfter, liveReplay, tls, missionKeys, meshMacs, takPort);
        }

        public Settings withTls(Tls t) {
            return new Settings(nodeId, bindHost, httpPort, grpcPort, gossipBind, seeds, clusterName, clusterPort,
                    clusterMembers, tokens, durability, assetStaleAfter, liveReplay, t, missionKeys, meshMacs, takPort);
        }

        public Settings withLive(Duration staleAfter, int replay) {
            return new Settings(nodeId, bindHost, httpPort, grpcPort, gossipBind, seeds, clusterName, clusterPort,
                    clusterMembers, tokens, durability, staleAfter, replay, tls, missionKeys, meshMacs, takPort);
        }

        /** Seals gossip under the mission keyring (null: plain frames, for labs). */
        public Settings withMissionKeys(Keyring keys) {
            return new Settings(nodeId, bindHost, httpPort, grpcPort, gossipBind, seeds, clusterName, clusterPort,
                    clusterMembers, tokens, durability, assetStaleAfter, liveReplay, tls, keys, meshMacs, takPort);
        }

        /** The command post's mesh radio addresses (at most {@code MeshInterfaces.MAX_MACS}, as an agent's). */
        public Settings withMeshMacs(List<MacAddress> macs) {
            if (macs.size() > org.rescuemesh.agent.link.MeshInterfaces.MAX_MACS) {
                throw new IllegalArgumentException("at most " + org.rescuemesh.agent.link.MeshInterfaces.MAX_MACS
                        + " mesh MACs, got " + macs.size());
            }
            return new Settings(nodeId, bindHost, httpPort, grpcPort, gossipBind, seeds, clusterName, clusterPort,
                    clusterMembers, tokens, durability, assetStaleAfter, liveReplay, tls, missionKeys, macs, takPort);
        }
    }

    /** PEM files of the certificate chain and its private key (PKCS#8 or PKCS#1). */
    public record Tls(Path certFile, Path keyFile) {
    }

    private final Settings settings;
    private final PictureDatabase database;
    private final HazelcastInstance hazelcast;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RateLimiter limiter = new RateLimiter();
    private final LiveFeed live;
    private AutoCloseable restored;
    private final Vertx vertx;
    private final SwimMesh mesh;
    private RelayService relay;
    private ScratchDirectory messagesScratch;
    private final HazelcastPictureStore store;
    private final IngestService ingest;
    private final Instant startedAt = Instant.now();
    private PlanningContext planning;
    private PlanJobs planJobs;
    private HttpServer http;
    private HttpServer grpc;
    private NetServer takServer;
    private TakStreamServer takStream;
    private final List<MeshtasticRadioLink> meshtasticRadios = new CopyOnWriteArrayList<>();
    private InetSocketAddress gossipAddress;

    private Coordinator(Settings settings) throws Exception {
        this.settings = settings;
        Durability d = settings.durability();
        this.database = d.dataDir() == null ? null : PictureDatabase.open(d.dataDir(), settings.nodeId());
        try {
            this.hazelcast = HazelcastSetup.start(settings.clusterName(), settings.bindHost(), settings.clusterPort(),
                    settings.clusterMembers(), d, database);
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            throw e;
        }
        this.store = new HazelcastPictureStore(hazelcast, d.trackLimit());
        this.ingest = new IngestService(store, new IngestMetrics(metrics));
        this.live = new LiveFeed(settings.nodeId(), settings.liveReplay(), new Staleness(settings.assetStaleAfter()));
        Gauge.builder("rescuemesh.cluster.members", hazelcast, h -> h.getLifecycleService().isRunning()
                ? h.getCluster().getMembers().size() : 0).description("Hazelcast members this member sees").register(metrics);
        Gauge.builder("rescuemesh.live.sockets", live, LiveFeed::connected).description("connected live WebSockets")
                .register(metrics);
        io.micrometer.core.instrument.FunctionCounter.builder("rescuemesh.live.changes.missed", live, LiveFeed::missedChanges)
                .description("node changes that never reached the live feed (its clients were told to reload)")
                .register(metrics);
        this.vertx = Vertx.vertx();
        this.mesh = GossipCodecs.swimMesh(settings.nodeId(), settings.gossipBind(),
                settings.seeds().stream().map(HostPort::format).toList(), GossipConfig.lan(), settings.missionKeys());
    }

    /** Starts every part; blocks until all listen. On failure everything started is stopped. */
    public static Coordinator start(Settings settings) throws Exception {
        return start(settings, null);
    }

    /**
     * Starts a member that also plans over {@code planning} (terrain, command post, search
     * areas); null for a member without terrain.
     */
    public static Coordinator start(Settings settings, PlanningContext planning) throws Exception {
        Coordinator c = new Coordinator(settings);
        c.planning = planning;
        try {
            c.startParts();
            return c;
        } catch (Exception e) {
            c.close();
            throw e;
        }
    }

    private void startParts() throws Exception {
        if (database != null) {
            // The picture must be whole before anyone reads it or writes over it.
            restored = HazelcastSetup.restore(hazelcast, database, settings.durability().minClusterSize(), 120_000);
            // What the restore replayed was not counted by the track compaction: look at every partition once.
            store.compactEveryPartitionSoon();
        }
        store.onNodeChange(live::publish, live::missed);
        mesh.addListener(this::onMember);
        NodeState self = selfState();
        mesh.publishLocalState(self);
        relay = openMessages(self);
        gossipAddress = mesh.start();
        relay.start(RELAY_TICK_MS);
        store.putMember(self);

        RestApi rest = new RestApi(store, ingest, settings.tokens(), this::health,
                new RestApi.Surface(live, new Staleness(settings.assetStaleAfter()), limiter, metrics::scrape));
        rest.withRoutes(new RoutesApi(store, settings.nodeId(), planning));
        rest.withMessages(new MessageRoutes(relay));
        if (planning != null) {
            // a job that ended goes into the shared picture: any member answers for it, restarts keep it
            planJobs = new PlanJobs(job -> store.putDocument(PictureStore.DocumentKind.PLAN, job.id(),
                    job.toDocument().encode()).toCompletableFuture().join());
            SearchAreas areas = new SearchAreas(planning, store);
            rest.withPlanner(new PlannerApi(store, planning, areas, planJobs), new SearchAreasApi(areas));
        }
        http = vertx.createHttpServer(serverOptions(settings.httpPort()))
                .requestHandler(rest.router(vertx)).listen().await();

        GrpcServer grpcServer = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(GrpcIngest.MAX_MESSAGE_BYTES));
        new GrpcIngest(ingest, settings.tokens(), limiter).bind(grpcServer);
        grpc = vertx.createHttpServer(serverOptions(settings.grpcPort()))
                .requestHandler(grpcServer).listen().await();
        if (settings.takPort() >= 0) {
            takStream = new TakStreamServer(ingest, relay::acceptFromGateway, store::all, settings.nodeId());
            store.onNodeChange(takStream::publish, takStream::missed);
            GatewayMetrics.tak(metrics, takStream);
            takServer = takStream.listen(vertx, settings.bindHost(), settings.takPort()).await();
        }
        relay.onSubmitted(this::toOtherNetworks);
        LOG.info("coordinator " + settings.nodeId() + " up: http " + http.actualPort() + ", grpc " + grpc.actualPort()
                + ", gossip " + HostPort.format(gossipAddress) + (takServer == null ? "" : ", TAK CoT " + takServer.actualPort()));
    }

    /**
     * The command post's message store: messages the teams address to {@code coordinator} land
     * here, and the command post sends to teams through it. Journal under the data directory
     * (kept across restarts), or a temporary one for an in-memory member.
     */
    private RelayService openMessages(NodeState self) throws IOException {
        Path dataDir = settings.durability().dataDir();
        if (dataDir == null) {
            messagesScratch = ScratchDirectory.create("rescuemesh-messages-");
            dataDir = messagesScratch.path();
        } else {
            dataDir = dataDir.resolve("messages-" + settings.nodeId());
        }
        return SwimRelay.attach(mesh, dataDir, self, RelayConfig.lan(), GossipConfig.lan().maxFrameBytes());
    }

    private HttpServerOptions serverOptions(int port) {
        HttpServerOptions o = new HttpServerOptions().setHost(settings.bindHost()).setPort(port);
        if (settings.tls() != null) {
            // ALPN lets gRPC clients negotiate HTTP/2 over TLS; browsers and curl get HTTP/1.1 or 2.
            o.setSsl(true).setUseAlpn(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(settings.tls().certFile().toString()).setKeyPath(settings.tls().keyFile().toString()));
        }
        return o;
    }

    private NodeState selfState() {
        long now = System.currentTimeMillis();
        NodeState.Builder b = NodeState.newBuilder().setNodeId(settings.nodeId()).setName(settings.nodeId())
                .setTeam("command-post").setKind(NodeKind.NODE_KIND_COORDINATOR)
                .setStatus(NodeStatus.NODE_STATUS_ALIVE).setBatteryPct(-1)
                .setUpdatedAt(Timestamps.fromMillis(now));
        settings.meshMacs().forEach(mac -> b.addMeshMacs(mac.toByteString()));
        if (planning != null) {
            b.setPosition(GeoPosition.newBuilder().setLatDeg(planning.commandPost().lat())
                    .setLonDeg(planning.commandPost().lon()).setSource("static")
                    .setObservedAt(Timestamps.fromMillis(now)));
        }
        return b.build();
    }

    private void onMember(MemberView m) {
        NodeState s = m.state().toBuilder().setNodeId(m.id()).setStatus(m.status()).build();
        store.putMember(s);
    }

    private JsonObject health() {
        return new JsonObject()
                .put("status", "UP")
                .put("node", settings.nodeId())
                .put("startedAt", startedAt.toString())
                .put("clusterMembers", hazelcast.getCluster().getMembers().size())
                .put("gossipMembers", mesh.members().size())
                .put("durable", database != null)
                .put("liveStream", live.stream())
                .put("positionsAccepted", ingest.acceptedTotal())
                .put("positionsRejected", ingest.rejectedTotal());
    }

    public int httpPort() {
        return http.actualPort();
    }

    public int grpcPort() {
        return grpc.actualPort();
    }

    /** Port of the TAK CoT stream input, or -1 when it is off. */
    public int takPort() {
        return takServer == null ? -1 : takServer.actualPort();
    }

    /**
     * What the command post says to everyone also goes to the people on other networks: TAK
     * clients get it as a GeoChat to All Chat Rooms, Meshtastic radios on their primary channel.
     */
    private void toOtherNetworks(StoredMessage m) {
        if (m.destination().kind() != Destination.Kind.BROADCAST) {
            return;
        }
        if (takStream != null) {
            Optional<GeoPosition> where = planning == null ? Optional.empty() : Optional.of(GeoPosition.newBuilder()
                    .setLatDeg(planning.commandPost().lat()).setLonDeg(planning.commandPost().lon()).build());
            takStream.broadcastChat(m.message(), where);
        }
        meshtasticRadios.forEach(r -> r.broadcastText(m.message().getText()));
    }

    /**
     * Reads positions and text messages from a Meshtastic radio's client API at {@code host:port}
     * (it keeps reconnecting until this coordinator closes); see {@link MeshtasticRadioLink}.
     */
    public MeshtasticRadioLink connectMeshtastic(String host, int port) {
        MeshtasticRadioLink link = MeshtasticRadioLink.connect(vertx, ingest, relay::acceptFromGateway, host, port);
        meshtasticRadios.add(link);
        GatewayMetrics.meshtastic(metrics, link, host + ":" + port);
        return link;
    }

    /**
     * Makes the command post's gossip behave like a radio on a routed mesh (the demo's field runs
     * on loopback): no traffic with {@code unreachable} addresses ("host:port"), and this fraction
     * of datagrams lost towards each radio neighbour. See {@code SwimMesh#blockPeers}.
     */
    public void simulateRadio(java.util.Collection<String> unreachable, java.util.Map<String, Double> loss) {
        mesh.blockPeers(unreachable);
        mesh.simulateOutboundLoss(loss);
    }

    public InetSocketAddress gossipAddress() {
        return gossipAddress;
    }

    public Vertx vertx() {
        return vertx;
    }

    public PictureStore store() {
        return store;
    }

    /** This member's TAK stream server, if {@code --tak-port} started one. */
    public Optional<TakStreamServer> takStream() {
        return Optional.ofNullable(takStream);
    }

    /** This member's {@code /api/v1/live} feed. */
    public LiveFeed live() {
        return live;
    }

    HazelcastInstance hazelcast() {
        return hazelcast;
    }

    public String liveStream() {
        return live.stream();
    }

    @Override
    public void close() {
        meshtasticRadios.forEach(MeshtasticRadioLink::close);
        if (planJobs != null) {
            planJobs.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (mesh != null) {
            mesh.close();
        }
        if (messagesScratch != null) {
            messagesScratch.close();
        }
        if (vertx != null) {
            try {
                vertx.close().await();
            } catch (Exception e) {
                LOG.fine("vert.x close: " + e.getMessage());
            }
        }
        if (restored != null) {
            try {
                restored.close();
            } catch (Exception e) {
                LOG.fine("re-sync close: " + e.getMessage());
            }
        }
        if (store != null) {
            store.close();
        }
        // Graceful: partitions move to the remaining members and write-behind queues are flushed first.
        if (hazelcast.getLifecycleService().isRunning()) {
            hazelcast.shutdown();
        }
        if (database != null) {
            database.close();
        }
    }
}
