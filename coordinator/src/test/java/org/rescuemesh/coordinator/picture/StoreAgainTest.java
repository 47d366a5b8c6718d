package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member whose database lacks an entry it holds in memory (what a promoted backup is after its
 * owner died): {@link StoreAgain} must put the entry's current value into that database through
 * the write-through path, so the commit barrier that follows covers it.
 */
class StoreAgainTest {

    @TempDir
    Path dir;

    @Test
    void anEntryMissingFromTheOwnersDatabaseIsWrittenThereAgain() throws Exception {
        int port = 25000 + (int) (ProcessHandle.current().pid() % 400) * 2;
        PictureDatabase db = PictureDatabase.open(dir, "lone");
        HazelcastInstance hz = HazelcastSetup.start("rescuemesh-store-again-" + ProcessHandle.current().pid(), "127.0.0.1",
                port, List.of(), Durability.writeThrough(dir, 1), db);
        try {
            IMap<String, byte[]> nodes = hz.getMap(PictureMaps.NODES);
            byte[] value = VersionedValue.encode(1_000, 7, new byte[]{1, 2, 3});
            nodes.set("boat", value);
            nodes.set("raft", VersionedValue.encode(2_000, 1, new byte[]{4}));
            db.commitBarrier().join();
            db.stageDelete(PictureMaps.NODES, List.of("boat"));
            db.commitBarrier().join();
            assertThat(rows(db)).containsOnlyKeys("raft");

            Map<String, Boolean> done = nodes.submitToKeys(Set.of("boat", "gone"), new StoreAgain())
                    .toCompletableFuture().join();
            db.commitBarrier().join();

            assertThat(done).containsEntry("boat", true);
            assertThat(rows(db)).containsOnlyKeys("boat", "raft");
            assertThat(rows(db).get("boat")).isEqualTo(value);
            assertThat(nodes.get("boat")).isEqualTo(value);
            assertThat(nodes.containsKey("gone")).isFalse();
        } finally {
            hz.shutdown();
            db.close();
        }
    }

    static Map<String, byte[]> rows(PictureDatabase db) {
        Map<String, byte[]> out = new HashMap<>();
        db.forEach(PictureMaps.NODES, out::put);
        return out;
    }
}
