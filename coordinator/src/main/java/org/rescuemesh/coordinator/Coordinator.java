package org.rescuemesh.coordinator;

import com.google.protobuf.util.Timestamps;
import com.hazelcast.core.HazelcastInstance;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.server.GrpcServer;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.rescuemesh.agent.HostPort;
import org.rescuemesh.agent.mesh.Mesh;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.agent.mesh.SimpleMesh;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.http.RestApi;
import org.rescuemesh.coordinator.ingest.GrpcIngest;
import org.rescuemesh.coordinator.ingest.IngestService;
import org.rescuemesh.coordinator.picture.HazelcastPictureStore;
import org.rescuemesh.coordinator.picture.HazelcastSetup;
import org.rescuemesh.coordinator.picture.PictureStore;
import org.rescuemesh.gossip.transport.PlainFrameCodec;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * One coordinator member: embedded Hazelcast (the picture), a gossip member feeding it, the
 * HTTP server (REST + map) and the gRPC server (agency ingest). Built by {@link #start}.
 */
public final class Coordinator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Coordinator.class.getName());

    /** Everything a coordinator member needs to start. Port 0 picks a free port. */
    public record Settings(String nodeId, String bindHost, int httpPort, int grpcPort,
                           InetSocketAddress gossipBind, List<InetSocketAddress> seeds,
                           String clusterName, int clusterPort, List<String> clusterMembers,
                           TokenRegistry tokens) {
    }

    private final Settings settings;
    private final HazelcastInstance hazelcast;
    private final Vertx vertx;
    private final EventLoopGroup gossipLoop;
    private final Mesh mesh;
    private final PictureStore store;
    private final IngestService ingest;
    private final Instant startedAt = Instant.now();
    private HttpServer http;
    private HttpServer grpc;
    private InetSocketAddress gossipAddress;

    private Coordinator(Settings settings) {
        this.settings = settings;
        this.hazelcast = HazelcastSetup.start(settings.clusterName(), settings.bindHost(), settings.clusterPort(),
                settings.clusterMembers());
        this.store = new HazelcastPictureStore(hazelcast);
        this.ingest = new IngestService(store);
        this.vertx = Vertx.vertx();
        this.gossipLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.mesh = new SimpleMesh(SimpleMesh.Settings.defaults(settings.nodeId(), settings.gossipBind(), settings.seeds()),
                gossipLoop, new PlainFrameCodec(64 * 1024));
    }

    /** Starts every part; blocks until all listen. On failure everything started is stopped. */
    public static Coordinator start(Settings settings) throws Exception {
        Coordinator c = new Coordinator(settings);
        try {
            c.startParts();
            return c;
        } catch (Exception e) {
            c.close();
            throw e;
        }
    }

    private void startParts() throws Exception {
        mesh.addListener(this::onMember);
        NodeState self = selfState();
        mesh.publishLocalState(self);
        gossipAddress = mesh.start();
        store.putMember(self);

        RestApi rest = new RestApi(store, ingest, settings.tokens(), this::health);
        http = vertx.createHttpServer(new HttpServerOptions().setHost(settings.bindHost()).setPort(settings.httpPort()))
                .requestHandler(rest.router(vertx)).listen().await();

        GrpcServer grpcServer = GrpcServer.server(vertx);
        new GrpcIngest(ingest, settings.tokens()).bind(grpcServer);
        grpc = vertx.createHttpServer(new HttpServerOptions().setHost(settings.bindHost()).setPort(settings.grpcPort()))
                .requestHandler(grpcServer).listen().await();
        LOG.info("coordinator " + settings.nodeId() + " up: http " + http.actualPort() + ", grpc " + grpc.actualPort()
                + ", gossip " + HostPort.format(gossipAddress));
    }

    private NodeState selfState() {
        return NodeState.newBuilder().setNodeId(settings.nodeId()).setName(settings.nodeId())
                .setTeam("command-post").setKind(NodeKind.NODE_KIND_COORDINATOR)
                .setStatus(NodeStatus.NODE_STATUS_ALIVE).setBatteryPct(-1)
                .setUpdatedAt(Timestamps.fromMillis(System.currentTimeMillis())).build();
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
                .put("positionsAccepted", ingest.acceptedTotal())
                .put("positionsRejected", ingest.rejectedTotal());
    }

    public int httpPort() {
        return http.actualPort();
    }

    public int grpcPort() {
        return grpc.actualPort();
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

    @Override
    public void close() {
        mesh.close();
        gossipLoop.shutdownGracefully();
        try {
            vertx.close().await();
        } catch (Exception e) {
            LOG.fine("vert.x close: " + e.getMessage());
        }
        hazelcast.shutdown();
    }
}
