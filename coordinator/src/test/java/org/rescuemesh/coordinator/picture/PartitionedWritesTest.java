package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeState;

/**
 * Two Hazelcast members in this JVM, one backup: a per-partition entry-processor write must not
 * complete before its backup exists on the other member — what the ingest path's acknowledgement
 * rests on when the primary is killed right after. (With Hazelcast's own multi-key operation,
 * whose backups are asynchronous, the backup member lacked the entry right after completion.)
 */
class PartitionedWritesTest {

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
        String cluster = "rescuemesh-writes-" + ProcessHandle.current().pid();
        List<String> all = List.of("127.0.0.1:" + basePort, "127.0.0.1:" + (basePort + 1));
        for (int i = 0; i < 2; i++) {
            members.add(HazelcastSetup.start(cluster, "127.0.0.1", basePort + i, all, Durability.inMemory(), null));
        }
        HazelcastInstance writer = members.get(0);
        HazelcastInstance backup = members.get(1);
        assertThat(writer.getCluster().getMembers()).hasSize(2);
        PartitionedWrites writes = new PartitionedWrites(writer, writer.getMap(PictureMaps.NODES));
        int written = 0;
        for (int n = 0; written < 200; n++) {
            String id = "asset-" + n;
            // Keys owned by the writer itself: its answer is immediate, so only waiting for the backup holds it back.
            if (!writer.getPartitionService().getPartition(id).getOwner().localMember()) {
                continue;
            }
            Map<String, RecordObservationBatch.Group> group = new HashMap<>();
            group.put(id, new RecordObservationBatch.Group(new long[]{1_000L + n}, 0, state(id, 1_000L + n)));
            PartitionedWrites.Outcome<long[]> out = writes.<long[]>execute(PictureMaps.NODES, Set.of(id),
                    keys -> new RecordObservationBatch(group)).join();
            assertThat(out.results().get(id)).containsExactly(PictureStore.AssetWrite.STORED.ordinal(), 0);
            written++;
            assertThat(backup.getMap(PictureMaps.NODES).getLocalMapStats().getBackupEntryCount())
                    .as("backup entries on the other member right after write " + written).isEqualTo(written);
        }
        assertThat(backup.getMap(PictureMaps.NODES).getLocalMapStats().getOwnedEntryCount()).isZero();
    }
}
