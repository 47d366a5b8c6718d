package org.rescuemesh.agent.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rescuemesh.gossip.transport.PlainFrameCodec;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/** Real UDP sockets on loopback. */
class SimpleMeshTest {

    final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final List<SimpleMesh> meshes = new ArrayList<>();

    SimpleMesh node(String id, List<InetSocketAddress> seeds) throws Exception {
        SimpleMesh m = new SimpleMesh(new SimpleMesh.Settings(id, new InetSocketAddress("127.0.0.1", 0), seeds,
                100, 500, 1500, 1200), loop, new PlainFrameCodec(1200));
        m.publishLocalState(NodeState.newBuilder().setNodeId(id).setTeam("t")
                .setUpdatedAt(Timestamps.fromMillis(System.currentTimeMillis())).build());
        meshes.add(m);
        return m;
    }

    @AfterEach
    void close() {
        meshes.forEach(SimpleMesh::close);
        loop.shutdownGracefully();
    }

    static NodeStatus statusOf(SimpleMesh at, String id) {
        return at.members().stream().filter(v -> v.id().equals(id)).map(MemberView::status).findFirst().orElse(null);
    }

    @Test
    void nodesThatOnlyKnowTheSeedLearnEachOtherAndSeeALeave() throws Exception {
        SimpleMesh seed = node("seed", List.of());
        InetSocketAddress seedAddr = seed.start();
        SimpleMesh a = node("a", List.of(seedAddr));
        SimpleMesh b = node("b", List.of(seedAddr));
        a.start();
        b.start();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(statusOf(a, "b")).isEqualTo(NodeStatus.NODE_STATUS_ALIVE);
            assertThat(statusOf(b, "a")).isEqualTo(NodeStatus.NODE_STATUS_ALIVE);
            assertThat(statusOf(seed, "a")).isEqualTo(NodeStatus.NODE_STATUS_ALIVE);
        });
        b.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(statusOf(seed, "b")).isEqualTo(NodeStatus.NODE_STATUS_LEFT));
    }

    @Test
    void garbageDatagramsAreCountedAndDoNotStopTheNode() throws Exception {
        SimpleMesh seed = node("seed", List.of());
        InetSocketAddress seedAddr = seed.start();
        Random random = new Random(7);
        try (DatagramSocket s = new DatagramSocket()) {
            for (int i = 0; i < 200; i++) {
                byte[] junk = new byte[1 + random.nextInt(1500)];
                random.nextBytes(junk);
                s.send(new DatagramPacket(junk, junk.length, seedAddr));
            }
        }
        SimpleMesh a = node("a", List.of(seedAddr));
        a.start();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(seed.rejectedFrames()).isGreaterThan(100);
            assertThat(statusOf(seed, "a")).isEqualTo(NodeStatus.NODE_STATUS_ALIVE);
        });
    }
}
