package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;

/** Node changes reach the live listeners of every member, each node's versions in increasing order only. */
class NodeChangesTest {

    static NodeState at(String id, long ms) {
        return NodeState.newBuilder().setNodeId(id).setKind(NodeKind.NODE_KIND_ASSET).setUpdatedAt(Timestamps.fromMillis(ms))
                .setPosition(GeoPosition.newBuilder().setLatDeg(10).setLonDeg(125).setObservedAt(Timestamps.fromMillis(ms)))
                .build();
    }

    static String seen(NodeState s) {
        return s.getNodeId() + "@" + Timestamps.toMillis(s.getPosition().getObservedAt());
    }

    @Test
    void anOlderChangeArrivingAfterANewerOneIsNotPassedOn() {
        List<String> out = new ArrayList<>();
        NodeChangeForwarder forward = new NodeChangeForwarder(s -> out.add(seen(s)));
        forward.accept(new NodeChanges(new long[]{2_000, 1_500}, new byte[][]{at("boat", 2_000).toByteArray(),
                at("raft", 1_500).toByteArray()}));
        forward.accept(new NodeChanges(new long[]{1_000}, new byte[][]{at("boat", 1_000).toByteArray()}));
        forward.accept(new NodeChanges(new long[]{2_000}, new byte[][]{at("boat", 2_000).toByteArray()}));
        forward.accept(new NodeChanges(new long[]{3_000}, new byte[][]{at("boat", 3_000).toByteArray()}));
        forward.accept(new NodeChanges(new long[]{1}, new byte[][]{{(byte) 0xFF, 0x01}}));
        assertThat(out).containsExactly("boat@2000", "raft@1500", "boat@3000");
    }

    /** Two in-memory members of {@code cluster} on {@code port} and the next port, started together, once they see each other. */
    static List<HazelcastInstance> twoMembers(String cluster, int port) {
        List<String> members = List.of("127.0.0.1:" + port, "127.0.0.1:" + (port + 1));
        CompletableFuture<HazelcastInstance> a = CompletableFuture.supplyAsync(() -> HazelcastSetup.start(cluster, "127.0.0.1",
                port, members, Durability.inMemory(), null));
        CompletableFuture<HazelcastInstance> b = CompletableFuture.supplyAsync(() -> HazelcastSetup.start(cluster, "127.0.0.1",
                port + 1, members, Durability.inMemory(), null));
        HazelcastInstance hzA = a.join();
        HazelcastInstance hzB = b.join();
        await().atMost(Duration.ofSeconds(30)).until(() -> hzA.getCluster().getMembers().size() == 2);
        return List.of(hzA, hzB);
    }

    @Test
    void aChunkWrittenThroughOneMemberReachesTheListenersOfAnother() throws Exception {
        int port = 29000 + (int) (ProcessHandle.current().pid() % 400) * 2;
        String cluster = "rescuemesh-changes-" + ProcessHandle.current().pid();
        List<HazelcastInstance> both = twoMembers(cluster, port);
        HazelcastInstance hzA = both.get(0);
        HazelcastInstance hzB = both.get(1);
        HazelcastPictureStore viaA = new HazelcastPictureStore(hzA, 10);
        HazelcastPictureStore viaB = new HazelcastPictureStore(hzB, 10);
        try {
            List<String> onB = new CopyOnWriteArrayList<>();
            viaB.onNodeChange(s -> onB.add(seen(s)));
            // The writing member's own listeners get the changes directly, not through the topic.
            List<String> onA = new CopyOnWriteArrayList<>();
            viaA.onNodeChange(s -> onA.add(seen(s)));
            viaA.putAssets(List.of(at("boat", 1_000), at("boat", 2_000), at("raft", 1_500))).toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(10)).until(() -> onB.size() >= 2);
            // A late, older report is stored in the track only: no change of the node, no delta.
            viaA.putAssets(List.of(at("boat", 1_200))).toCompletableFuture().join();
            viaA.putAssets(List.of(at("raft", 1_600))).toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(10)).until(() -> onB.contains("raft@1600"));
            assertThat(onB).containsExactlyInAnyOrder("boat@2000", "raft@1500", "raft@1600");
            assertThat(onB.indexOf("raft@1500")).isLessThan(onB.indexOf("raft@1600"));
            await().atMost(Duration.ofSeconds(10)).until(() -> onA.contains("raft@1600"));
            assertThat(onA).containsExactlyInAnyOrder("boat@2000", "raft@1500", "raft@1600");
            assertThat(viaB.track("boat")).hasSize(3);
        } finally {
            viaA.close();
            viaB.close();
            hzA.shutdown();
            hzB.shutdown();
        }
    }

    @Test
    void aListenerTooFarBehindIsToldHowManyChangesItMissedAfterTheChangesQueuedBeforeThem() throws Exception {
        int port = 29800 + (int) (ProcessHandle.current().pid() % 100);
        HazelcastInstance hz = HazelcastSetup.start("rescuemesh-behind-" + ProcessHandle.current().pid(), "127.0.0.1", port,
                List.of("127.0.0.1:" + port), Durability.inMemory(), null);
        // room for one waiting message: the listener holds the first, the second waits, more are dropped
        HazelcastPictureStore store = new HazelcastPictureStore(hz, 10, false, 1);
        try {
            java.util.concurrent.CountDownLatch inListener = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            List<String> heard = new CopyOnWriteArrayList<>();
            store.onNodeChange(s -> {
                heard.add(s.getNodeId());
                inListener.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, missed -> heard.add("missed " + missed));
            store.putAssets(List.of(at("boat-1", 1_000))).toCompletableFuture().join();
            assertThat(inListener.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            store.putAssets(List.of(at("boat-2", 1_000))).toCompletableFuture().join();
            store.putAssets(List.of(at("boat-3", 1_000))).toCompletableFuture().join();
            store.putAssets(List.of(at("boat-4", 1_000))).toCompletableFuture().join();
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("boat-2"));
            store.putAssets(List.of(at("boat-5", 1_000))).toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("boat-5"));
            assertThat(heard).containsExactly("boat-1", "boat-2", "missed 2", "boat-5");
            // what was dropped on the way to the listener is still stored
            assertThat(store.get("boat-3")).isPresent();
            assertThat(store.get("boat-4")).isPresent();
        } finally {
            store.close();
            hz.shutdown();
        }
    }

    @Test
    void changesLostOnTheWayFromAnotherMemberAreCountedForTheListener() throws Exception {
        int port = 28000 + (int) (ProcessHandle.current().pid() % 400) * 2;
        String cluster = "rescuemesh-lost-" + ProcessHandle.current().pid();
        List<HazelcastInstance> both = twoMembers(cluster, port);
        HazelcastInstance hzA = both.get(0);
        HazelcastInstance hzB = both.get(1);
        HazelcastPictureStore viaB = new HazelcastPictureStore(hzB, 10);
        try {
            List<String> heard = new CopyOnWriteArrayList<>();
            viaB.onNodeChange(s -> heard.add(s.getNodeId()), missed -> heard.add("missed " + missed));
            // member A's messages as its store numbers them; the changes numbered 1 to 3 never arrive
            com.hazelcast.topic.ITopic<NodeChanges> topic = hzA.getTopic(NodeChanges.TOPIC);
            topic.publish(new NodeChanges(new long[]{1_000}, new byte[][]{at("boat-1", 1_000).toByteArray()}).publishedAfter(0));
            topic.publish(new NodeChanges(new long[]{1_000}, new byte[][]{at("boat-2", 1_000).toByteArray()}).publishedAfter(4));
            topic.publish(new NodeChanges(new long[]{1_000}, new byte[][]{at("boat-3", 1_000).toByteArray()}).publishedAfter(5));
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("boat-3"));
            assertThat(heard).containsExactly("boat-1", "missed 3", "boat-2", "boat-3");
        } finally {
            viaB.close();
            hzA.shutdown();
            hzB.shutdown();
        }
    }
}
