package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeState;

/**
 * A resent chunk, which finds its observations already in the node entries, or an older report,
 * which finds a newer one, must still leave those entries on the owner's disk before it is
 * acknowledged: they may have reached memory (a promoted backup) but no database. Simulated by
 * deleting the rows from the member's database behind Hazelcast's back.
 */
class ResentChunkTest {

    @TempDir
    Path dir;

    static NodeState at(String id, long ms) {
        return NodeState.newBuilder().setNodeId(id).setPosition(GeoPosition.newBuilder().setLatDeg(11).setLonDeg(125)
                .setObservedAt(Timestamps.fromMillis(ms))).setUpdatedAt(Timestamps.fromMillis(ms)).build();
    }

    @Test
    void aResentChunkPutsItsNodeEntriesBackOnTheOwnersDisk() throws Exception {
        int port = 25400 + (int) (ProcessHandle.current().pid() % 400) * 2;
        PictureDatabase db = PictureDatabase.open(dir, "lone");
        HazelcastInstance hz = HazelcastSetup.start("rescuemesh-resent-" + ProcessHandle.current().pid(), "127.0.0.1",
                port, List.of(), Durability.writeThrough(dir, 1), db);
        HazelcastPictureStore store = new HazelcastPictureStore(hz, 10, false);
        try {
            store.putAssets(List.of(at("boat", 2_000), at("raft", 2_000))).toCompletableFuture().join();
            assertThat(StoreAgainTest.rows(db)).containsOnlyKeys("boat", "raft");

            // In memory, on no disk: what a promoted backup holds after its owner died uncommitted.
            db.stageDelete(PictureMaps.NODES, List.of("boat", "raft"));
            db.commitBarrier().join();
            assertThat(StoreAgainTest.rows(db)).isEmpty();

            store.putAssets(List.of(at("boat", 2_000), at("raft", 2_000))).toCompletableFuture().join();  // resent
            assertThat(StoreAgainTest.rows(db)).containsOnlyKeys("boat", "raft");
            assertThat(VersionedValue.version(StoreAgainTest.rows(db).get("boat"))).isEqualTo(2_000);
            assertThat(VersionedValue.version(StoreAgainTest.rows(db).get("raft"))).isEqualTo(2_000);

            // An older report, acknowledged, must leave the newer value it lost to on the disk too:
            // the node is read back after a restart with at least what was acknowledged.
            db.stageDelete(PictureMaps.NODES, List.of("boat", "raft"));
            db.commitBarrier().join();
            store.putAssets(List.of(at("boat", 1_000), at("raft", 1_500))).toCompletableFuture().join();
            assertThat(StoreAgainTest.rows(db)).containsOnlyKeys("boat", "raft");
            assertThat(VersionedValue.version(StoreAgainTest.rows(db).get("boat"))).isEqualTo(2_000);
            assertThat(VersionedValue.version(StoreAgainTest.rows(db).get("raft"))).isEqualTo(2_000);
        } finally {
            store.close();
            hz.shutdown();
            db.close();
        }
    }
}
