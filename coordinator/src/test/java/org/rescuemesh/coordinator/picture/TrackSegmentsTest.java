package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;

/**
 * Track segments on a real (single) Hazelcast member with write-through into its database: where
 * segments live, how tracks are read from them, and what compaction keeps.
 */
class TrackSegmentsTest {

    @TempDir
    Path dir;
    PictureDatabase db;
    HazelcastInstance hz;
    HazelcastPictureStore store;

    void start(int trackLimit, boolean compactInBackground) throws Exception {
        int port = 27000 + (int) (ProcessHandle.current().pid() % 400) * 2;
        db = PictureDatabase.open(dir, "lone");
        hz = HazelcastSetup.start("rescuemesh-segments-" + ProcessHandle.current().pid(), "127.0.0.1", port, List.of(),
                Durability.writeThrough(dir, 1), db);
        store = new HazelcastPictureStore(hz, trackLimit, compactInBackground);
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        if (hz != null) {
            hz.shutdown();
        }
        if (db != null) {
            db.close();
        }
    }

    static NodeState at(String id, long ms) {
        return NodeState.newBuilder().setNodeId(id).setKind(NodeKind.NODE_KIND_ASSET)
                .setUpdatedAt(Timestamps.fromMillis(ms))
                .setPosition(GeoPosition.newBuilder().setLatDeg(10 + ms * 1e-6).setLonDeg(125)
                        .setObservedAt(Timestamps.fromMillis(ms))).build();
    }

    static List<Long> times(List<GeoPosition> track) {
        return track.stream().map(p -> Timestamps.toMillis(p.getObservedAt())).toList();
    }

    IMap<String, byte[]> segments() {
        return hz.getMap(PictureMaps.TRACK_SEGMENTS);
    }

    /** Segments in partition {@code p}, counted in the partition's own record store (Hazelcast internals). */
    int segmentsStoredIn(int p) {
        var engine = ((com.hazelcast.spi.impl.AbstractDistributedObject<?>) segments()).getNodeEngine();
        com.hazelcast.map.impl.MapService service = engine.getService(com.hazelcast.map.impl.MapService.SERVICE_NAME);
        var rs = service.getMapServiceContext().getPartitionContainer(p).getExistingRecordStore(PictureMaps.TRACK_SEGMENTS);
        return rs == null ? 0 : rs.size();
    }

    @Test
    void aSegmentLivesInThePartitionOfItsNodesAndIsFoundByKey() throws Exception {
        start(100, false);
        PartitionOwners partitions = store.partitions();
        Set<Integer> expected = new HashSet<>();
        // Ids with the separator of the segment keys in them too: the key's tag decides, not the id.
        for (String id : List.of("boat-1", "a@b", "@lead", "trail@", "raft-7")) {
            store.putAssets(List.of(at(id, 1_000), at(id, 2_000))).toCompletableFuture().join();
            expected.add(partitions.partitionOf(id));
            Set<Integer> nonEmpty = new HashSet<>();
            for (int p = 0; p < partitions.count(); p++) {
                if (segmentsStoredIn(p) > 0) {
                    nonEmpty.add(p);
                }
            }
            assertThat(nonEmpty).as("partitions holding segments after " + id).isEqualTo(expected);
            assertThat(times(store.track(id))).as("track of " + id).containsExactly(1_000L, 2_000L);
        }
        Set<String> keys = segments().keySet();
        assertThat(keys).hasSize(5);
        for (String k : keys) {
            assertThat(segments().get(k)).as(k).isNotNull();
        }
        assertThat(segments().getAll(keys)).hasSize(5);
        db.commitBarrier().join();
        assertThat(db.count(PictureMaps.TRACK_SEGMENTS)).isEqualTo(5);
    }

    @Test
    void aChunkIsOneSegmentPerPartitionAndATrackIsItsNodesPointsOnly() throws Exception {
        start(100, false);
        List<NodeState> chunk = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            chunk.add(at("asset-" + (i % 200), 10_000 + i));
        }
        store.putAssets(chunk).toCompletableFuture().join();
        Set<Integer> touched = new HashSet<>();
        for (int a = 0; a < 200; a++) {
            touched.add(store.partitions().partitionOf("asset-" + a));
        }
        assertThat(segments().size()).isEqualTo(touched.size());
        assertThat(times(store.track("asset-7"))).containsExactly(10_007L, 10_207L, 10_407L);
        assertThat(store.get("asset-7").orElseThrow().getPosition().getObservedAt()).isEqualTo(Timestamps.fromMillis(10_407));
    }

    /** An id other than {@code of} in the same partition. */
    String neighbourOf(String of) {
        int p = store.partitions().partitionOf(of);
        for (int i = 0; ; i++) {
            String id = "rare-" + i;
            if (store.partitions().partitionOf(id) == p) {
                return id;
            }
        }
    }

    @Test
    void compactionKeepsTheLastNOfEveryNodeAndDeletesOnlyWhatItRead() throws Exception {
        start(5, false);
        String often = "often";
        String rare = neighbourOf(often);
        int p = store.partitions().partitionOf(often);
        store.putAssets(List.of(at(rare, 1), at(rare, 2), at(rare, 3))).toCompletableFuture().join();
        for (int k = 0; k < 12; k++) {
            List<NodeState> chunk = List.of(at(often, 10 + 2 * k), at(often, 11 + 2 * k));
            store.putAssets(chunk).toCompletableFuture().join();
            if (k == 11) {
                // The sender's retry of an acknowledged chunk: the same points again.
                store.putAssets(chunk).toCompletableFuture().join();
            }
        }
        assertThat(times(store.track(often))).as("before: last 5, the retried fixes once").containsExactly(29L, 30L, 31L, 32L, 33L);
        assertThat(segmentsStoredIn(p)).isEqualTo(14);

        TrackCompaction.Outcome done = store.compaction().compact(p, () ->
                store.putAssets(List.of(at(often, 100))).toCompletableFuture().join());

        assertThat(done.segmentsRead()).isEqualTo(14);
        assertThat(done.pointsRead()).isEqualTo(3 + 24 + 2);
        // Steady reports leave whole segments behind: the 9 older segments of "often" go as they
        // are; rare's segment, the four holding often's last 5 (one of them twice) and the one
        // written after the read stay, with nothing rewritten.
        assertThat(done.segmentsWritten()).isZero();
        assertThat(done.pointsKept()).isEqualTo(3 + 2 + 2 + 2 + 2);
        assertThat(segmentsStoredIn(p)).isEqualTo(6);
        assertThat(times(store.track(often))).containsExactly(30L, 31L, 32L, 33L, 100L);
        assertThat(times(store.track(rare))).as("a node that reports rarely keeps its points").containsExactly(1L, 2L, 3L);
        db.commitBarrier().join();
        assertThat(db.count(PictureMaps.TRACK_SEGMENTS)).isEqualTo(6);

        // Consolidation rewrites what is kept (rare's 3, often's last 5) into one segment.
        TrackCompaction.Outcome merged = store.compaction().consolidate(p);
        assertThat(merged.pointsKept()).isEqualTo(3 + 5);
        assertThat(merged.segmentsWritten()).isEqualTo(1);
        assertThat(segmentsStoredIn(p)).isEqualTo(1);
        assertThat(times(store.track(often))).containsExactly(30L, 31L, 32L, 33L, 100L);
        assertThat(times(store.track(rare))).containsExactly(1L, 2L, 3L);
        // Deletes and the new segment reached the database too.
        db.commitBarrier().join();
        assertThat(db.count(PictureMaps.TRACK_SEGMENTS)).isEqualTo(1);
    }

    @Test
    void aNodeThatReportsRarelyMakesTheCompactionRewriteInsteadOfKeepingStaleSegments() throws Exception {
        start(5, false);
        String often = "often";
        String rare = neighbourOf(often);
        int p = store.partitions().partitionOf(often);
        // every segment holds one fix of the rare node next to 4 of often's
        for (int k = 0; k < 12; k++) {
            store.putAssets(List.of(at(often, 10 + 4 * k), at(often, 11 + 4 * k), at(often, 12 + 4 * k),
                    at(often, 13 + 4 * k), at(rare, 1 + k))).toCompletableFuture().join();
        }
        // rare's last 5 pin 5 segments whose 20 points of often are mostly stale (15 stale, 10 kept)
        TrackCompaction.Outcome done = store.compaction().compact(p, null);
        assertThat(done.segmentsWritten()).isEqualTo(1);
        assertThat(done.pointsKept()).isEqualTo(5 + 5);
        assertThat(segmentsStoredIn(p)).isEqualTo(1);
        assertThat(times(store.track(often))).containsExactly(53L, 54L, 55L, 56L, 57L);
        assertThat(times(store.track(rare))).containsExactly(8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void aCompactionInterruptedBeforeItsDeleteOnlyLeavesDuplicatesThatReadsShowOnce() throws Exception {
        start(5, false);
        int p = store.partitions().partitionOf("boat");
        for (int k = 0; k < 4; k++) {
            store.putAssets(List.of(at("boat", 10 + k))).toCompletableFuture().join();
        }
        // What a crash between the write of the compacted segment and the delete leaves: both.
        List<byte[]> before = new ArrayList<>(segments().values(
                Predicates.partitionPredicate(store.partitions().tag(p), Predicates.alwaysTrue())));
        store.compaction().consolidate(p);
        for (byte[] v : before) {
            segments().set("replayed-" + before.indexOf(v) + "@" + store.partitions().tag(p), v);
        }
        assertThat(times(store.track("boat"))).containsExactly(10L, 11L, 12L, 13L);
        store.compaction().compact(p, null);
        assertThat(segmentsStoredIn(p)).isEqualTo(1);
        assertThat(times(store.track("boat"))).containsExactly(10L, 11L, 12L, 13L);
    }

    @Test
    void theBackgroundCompactionKeepsAPartitionBounded() throws Exception {
        start(5, true);
        int p = store.partitions().partitionOf("busy");
        int writes = TrackCompaction.MIN_SEGMENTS_DUE + 100;
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int k = 0; k < writes; k++) {
            pending.add(store.putAssets(List.of(at("busy", 1_000 + k))).toCompletableFuture());
            if (pending.size() >= 64) {
                pending.forEach(CompletableFuture::join);
                pending.clear();
            }
        }
        pending.forEach(CompletableFuture::join);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(segmentsStoredIn(p)).isLessThan(200));
        long last = 1_000 + writes - 1;
        assertThat(times(store.track("busy"))).containsExactly(last - 4, last - 3, last - 2, last - 1, last);
    }
}
