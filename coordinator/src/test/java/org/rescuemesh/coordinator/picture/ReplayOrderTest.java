package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a full restart every member replays its own database into the cluster at the same time
 * ({@link PictureReplay}), so another member's older row of a key can reach the key's owner before
 * the owner has replayed its own, newer row. The owner's write-through then stages the older value
 * into the very database that holds the newer row. Here the two replays run in that order on two
 * real members: the newer row must stay in the owner's database and win in the map.
 */
class ReplayOrderTest {

    @TempDir
    Path dir;

    @Test
    void anOlderRowReplayedFirstDoesNotRollBackTheOwnersNewerRow() throws Exception {
        int port = 31000 + (int) (ProcessHandle.current().pid() % 400) * 2;
        List<String> both = List.of("127.0.0.1:" + port, "127.0.0.1:" + (port + 1));
        String cluster = "rescuemesh-replay-order-" + ProcessHandle.current().pid();
        PictureDatabase dbX = PictureDatabase.open(dir, "x");
        PictureDatabase dbY = PictureDatabase.open(dir, "y");
        HazelcastInstance hzX = null;
        HazelcastInstance hzY = null;
        try {
            CompletableFuture<HazelcastInstance> startingY = CompletableFuture.supplyAsync(() -> HazelcastSetup.start(
                    cluster, "127.0.0.1", port + 1, both, Durability.writeThrough(dir, 1), dbY));
            hzX = HazelcastSetup.start(cluster, "127.0.0.1", port, both, Durability.writeThrough(dir, 1), dbX);
            hzY = startingY.get(60, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 30_000;
            while ((hzX.getCluster().getMembers().size() < 2 || !hzX.getPartitionService().isClusterSafe())
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(hzX.getCluster().getMembers()).hasSize(2);

            // A key that x owns: x's database has its newer row (x was its last owner before the
            // stop), y's an older one (y owned it earlier).
            String key = null;
            for (int i = 0; key == null; i++) {
                Member owner = hzX.getPartitionService().getPartition("boat-" + i).getOwner();
                if (owner != null && owner.localMember()) {
                    key = "boat-" + i;
                }
            }
            byte[] newer = VersionedValue.encode(2_000, 0, new byte[]{2});
            byte[] older = VersionedValue.encode(1_000, 0, new byte[]{1});
            dbX.stage(PictureMaps.NODES, key, newer);
            dbY.stage(PictureMaps.NODES, key, older);
            dbX.commitBarrier().get(10, TimeUnit.SECONDS);
            dbY.commitBarrier().get(10, TimeUnit.SECONDS);

            // y's replay first: its older row is written on x, the owner, and staged there.
            PictureReplay.run(hzY, dbY, List.of(PictureMaps.NODES));
            dbX.commitBarrier().get(10, TimeUnit.SECONDS);
            assertThat(VersionedValue.version(row(dbX, key))).as("x's row after y's replay").isEqualTo(2_000);

            PictureReplay.run(hzX, dbX, List.of(PictureMaps.NODES));
            IMap<String, byte[]> nodes = hzY.getMap(PictureMaps.NODES);
            assertThat(nodes.get(key)).as("the restored entry").isEqualTo(newer);
            dbX.commitBarrier().get(10, TimeUnit.SECONDS);
            assertThat(row(dbX, key)).isEqualTo(newer);
        } finally {
            if (hzY != null) {
                hzY.getLifecycleService().terminate();
            }
            if (hzX != null) {
                hzX.getLifecycleService().terminate();
            }
            dbX.close();
            dbY.close();
        }
    }

    private static byte[] row(PictureDatabase db, String key) {
        byte[][] found = new byte[1][];
        db.forEach(PictureMaps.NODES, (k, v) -> {
            if (k.equals(key)) {
                found[0] = v;
            }
        });
        return found[0];
    }
}
