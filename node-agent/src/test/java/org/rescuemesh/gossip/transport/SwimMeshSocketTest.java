package org.rescuemesh.gossip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.gossip.GossipConfig;
import org.rescuemesh.proto.v1.NodeStatus;

/** Fifty agents on real loopback UDP/TCP sockets: crash detection, a split and its heal. */
class SwimMeshSocketTest {

    private static final int NODES = 50;
    // a LAN five times faster (200 ms probes) so the whole story fits in well under a minute
    private static final GossipConfig FAST = GossipConfig.lan().withTimeScale(0.2);

    private final List<SwimMesh> meshes = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (SwimMesh m : meshes) {
            m.kill();
        }
    }

    private static long count(SwimMesh observer, Set<String> ids, NodeStatus status) {
        return observer.members().stream()
                .filter(v -> ids.contains(v.id()) && v.status() == status).count();
    }

    private static Set<String> ids(List<SwimMesh> ms) {
        Set<String> out = new HashSet<>();
        for (SwimMesh m : ms) {
            out.add(m.nodeId());
        }
        return out;
    }

    @Test
    void fiftyAgentsDetectCrashesAndMergeAfterASplit() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        SwimMesh seed = SwimMesh.plain("agent-00", loopback, List.of(), FAST);
        meshes.add(seed);
        seed.start();
        for (int i = 1; i < NODES; i++) {
            SwimMesh m = SwimMesh.plain(String.format("agent-%02d", i), loopback, List.of(seed.address()), FAST);
            meshes.add(m);
            m.start();
        }
        Set<String> all = ids(meshes);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                meshes.stream().allMatch(m -> count(m, all, NodeStatus.NODE_STATUS_ALIVE) == NODES));

        // crash three (no leave)
        List<SwimMesh> victims = List.of(meshes.get(7), meshes.get(23), meshes.get(41));
        for (SwimMesh v : victims) {
            v.kill();
        }
        List<SwimMesh> survivors = new ArrayList<>(meshes);
        survivors.removeAll(victims);
        Set<String> dead = ids(victims);
        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(250)).until(() ->
                survivors.stream().allMatch(m -> count(m, dead, NodeStatus.NODE_STATUS_DEAD) == 3));

        // split the survivors in two halves by dropping traffic in the adapters
        List<SwimMesh> left = survivors.subList(0, survivors.size() / 2);
        List<SwimMesh> right = survivors.subList(survivors.size() / 2, survivors.size());
        Set<String> leftAddresses = new HashSet<>();
        Set<String> rightAddresses = new HashSet<>();
        left.forEach(m -> leftAddresses.add(m.address()));
        right.forEach(m -> rightAddresses.add(m.address()));
        left.forEach(m -> m.blockPeers(rightAddresses));
        right.forEach(m -> m.blockPeers(leftAddresses));
        Set<String> leftIds = ids(left);
        Set<String> rightIds = ids(right);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).until(() ->
                left.stream().allMatch(m -> count(m, rightIds, NodeStatus.NODE_STATUS_ALIVE) == 0
                        && count(m, rightIds, NodeStatus.NODE_STATUS_SUSPECT) == 0)
                && right.stream().allMatch(m -> count(m, leftIds, NodeStatus.NODE_STATUS_ALIVE) == 0
                        && count(m, leftIds, NodeStatus.NODE_STATUS_SUSPECT) == 0));

        // heal: the halves find each other again through the rejoin notices
        survivors.forEach(m -> m.blockPeers(Set.of()));
        Set<String> alive = ids(survivors);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).until(() ->
                survivors.stream().allMatch(m -> count(m, alive, NodeStatus.NODE_STATUS_ALIVE) == survivors.size()));

        for (SwimMesh m : survivors) {
            assertThat(m.internalErrors()).isZero();
            assertThat(m.rejectedFrames().values().stream().mapToLong(Long::longValue).sum()).isZero();
            assertThat(count(m, dead, NodeStatus.NODE_STATUS_DEAD)).isEqualTo(3);
            MemberView self = m.members().stream().filter(v -> v.id().equals(m.nodeId())).findFirst().orElseThrow();
            assertThat(self.status()).isEqualTo(NodeStatus.NODE_STATUS_ALIVE);
        }
        // probes measured the loopback links (round-robin, slowed by awareness during the split:
        // a good share of the peers has been probed directly by now)
        List<MemberView> measured = survivors.get(0).members().stream()
                .filter(v -> alive.contains(v.id()) && !Double.isNaN(v.link().rttMs())).toList();
        assertThat(measured.size()).isGreaterThan(survivors.size() / 4);
        for (MemberView v : measured) {
            assertThat(v.link().rttMs()).isGreaterThanOrEqualTo(0).isLessThan(500);
            assertThat(v.link().lastHeardMs()).isGreaterThan(0);
        }
    }

    @Test
    void simulatedRadioLossShowsInTheLinkEstimateAndTheMemberStaysAlive() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        SwimMesh alpha = SwimMesh.plain("alpha", loopback, List.of(), FAST);
        meshes.add(alpha);
        alpha.start();
        SwimMesh bravo = SwimMesh.plain("bravo", loopback, List.of(alpha.address()), FAST);
        meshes.add(bravo);
        bravo.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> count(alpha, Set.of("bravo"), NodeStatus.NODE_STATUS_ALIVE) == 1);

        alpha.simulateOutboundLoss(java.util.Map.of(bravo.address(), 0.4));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            MemberView b = alpha.members().stream().filter(v -> v.id().equals("bravo")).findFirst().orElseThrow();
            assertThat(b.link().loss()).isBetween(0.15, 0.75);
            assertThat(b.link().etx()).isGreaterThan(1.2);
        });
        assertThat(count(alpha, Set.of("bravo"), NodeStatus.NODE_STATUS_DEAD)).isZero();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> alpha.simulateOutboundLoss(java.util.Map.of(bravo.address(), 1.5)));
    }
}
