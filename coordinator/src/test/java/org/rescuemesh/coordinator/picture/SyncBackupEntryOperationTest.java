package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.impl.MapEntries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeState;

/**
 * Two Hazelcast members in this JVM, one backup: a partition's node-entry write must not complete
 * before its backup exists on the other member — what an acknowledgement rests on when the
 * primary is killed right after. With Hazelcast's own {@code MultipleEntryOperation} (asynchronous
 * backups) the backup member lacked entries right after completion.
 */
class SyncBackupEntryOperationTest {

    final int basePort = 24000 + (int) (ProcessHandle.current().pid() % 400) * 4;
    final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(HazelcastInstance::shutdown);
    }

    static byte[] state(String id, long ms) {
        return NodeState.newBuilder().setNodeId(id).setPosition(GeoPosition.newBuilder().setLatDeg(11)
                .setObservedAt(Timestamps.fromMillis(ms))).build().toByteArray();
    }

    @Test
    void aPartitionWriteCompletesOnlyOnceItsBackupHoldsIt() {
        String cluster = "rescuemesh-sync-backup-" + ProcessHandle.current().pid();
        List<String> all = List.of("127.0.0.1:" + basePort, "127.0.0.1:" + (basePort + 1));
        List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int port = basePort + i;
            starting.add(CompletableFuture.supplyAsync(() -> HazelcastSetup.start(cluster, "127.0.0.1", port, all,
                    Durability.inMemory(), null)));
        }
        starting.forEach(f -> members.add(f.join()));
        HazelcastInstance writer = members.get(0);
        HazelcastInstance backup = members.get(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> writer.getCluster().getMembers().size() == 2);
        // Every partition has its backup on the other member once the join's migrations are done.
        await().atMost(Duration.ofSeconds(60)).until(() -> writer.getPartitionService().isClusterSafe());
        PartitionOwners partitions = new PartitionOwners(writer, writer.getMap(PictureMaps.NODES));
        int written = 0;
        String first = null;
        for (int n = 0; written < 200; n++) {
            String id = "asset-" + n;
            Data key = partitions.keyOf(id);
            int p = partitions.partitionOf(key);
            // Keys owned by the writer itself: its answer is immediate, so only waiting for the backup holds it back.
            if (!partitions.ownedHere(p)) {
                continue;
            }
            RecordObservationBatch batch = new RecordObservationBatch(
                    Map.of(id, new RecordObservationBatch.Newest(1_000L + n, state(id, 1_000L + n))));
            MapEntries out = partitions.<MapEntries>invoke(p, new SyncBackupEntryOperation(PictureMaps.NODES, Set.of(key), batch))
                    .join();
            assertThat(out.size()).isEqualTo(1);
            assertThat(partitions.<String>read(out.getKey(0))).isEqualTo(id);
            assertThat(partitions.<Integer>read(out.getValue(0))).isEqualTo(PictureStore.AssetWrite.STORED.ordinal());
            written++;
            first = first == null ? id : first;
            assertThat(backup.getMap(PictureMaps.NODES).getLocalMapStats().getBackupEntryCount())
                    .as("backup entries on the other member right after write " + written).isEqualTo(written);
        }
        assertThat(backup.getMap(PictureMaps.NODES).getLocalMapStats().getOwnedEntryCount()).isZero();
        // The same observation again is a duplicate, an older one is older: the owner's entry keeps the newest.
        Data key = partitions.keyOf(first);
        MapEntries older = partitions.<MapEntries>invoke(partitions.partitionOf(key), new SyncBackupEntryOperation(
                PictureMaps.NODES, Set.of(key), new RecordObservationBatch(Map.of(first,
                        new RecordObservationBatch.Newest(999L, state(first, 999L)))))).join();
        assertThat(partitions.<Integer>read(older.getValue(0))).isEqualTo(PictureStore.AssetWrite.OLDER.ordinal());
    }
}
