package org.rescuemesh.coordinator.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rescuemesh.agent.HostPort;
import org.rescuemesh.agent.NodeIdentity;
import org.rescuemesh.coordinator.Coordinator;
import org.rescuemesh.coordinator.auth.TokenRegistry;
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
    @Option(names = "--tokens-file", description = "one 'token agency scope,scope…' per line") Path tokensFile;

    @Override
    public Integer call() throws Exception {
        Logs.configure();
        Settings s;
        TokenRegistry tokens;
        Coordinator.Settings cs;
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
            NodeIdentity.require(s.nodeId);
            Ports.check("--http-port", s.httpPort);
            Ports.check("--grpc-port", s.grpcPort);
            Ports.check("--gossip-port", s.gossipPort);
            Ports.check("--cluster-port", s.clusterPort);
            if (s.tokensFile == null) {
                throw new IllegalArgumentException("--tokens-file is required: without tokens nobody could use the API");
            }
            tokens = TokenRegistry.load(Path.of(s.tokensFile));
            List<String> members = Arrays.stream(s.clusterMembers.split(",")).map(String::strip)
                    .filter(m -> !m.isEmpty()).peek(HostPort::parse).toList();
            cs = new Coordinator.Settings(s.nodeId, s.bindHost, s.httpPort, s.grpcPort,
                    new InetSocketAddress(s.bindHost, s.gossipPort), HostPort.parseList(s.seeds),
                    s.clusterName, s.clusterPort, members, tokens);
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Coordinator coordinator;
        try {
            coordinator = Coordinator.start(cs);
        } catch (Exception e) {
            System.err.println("error: cannot start: " + Ports.explain(e));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            coordinator.close();
            stopped.countDown();
        }, "coordinator-shutdown"));
        System.out.println("coordinator " + s.nodeId + ": http " + coordinator.httpPort() + ", grpc "
                + coordinator.grpcPort() + ", gossip " + HostPort.format(coordinator.gossipAddress()));
        stopped.await();
        return 0;
    }
}
