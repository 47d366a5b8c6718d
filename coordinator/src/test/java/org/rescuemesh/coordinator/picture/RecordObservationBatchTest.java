package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import java.util.AbstractMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeState;

/** The entry processor run on plain entries: its rules do not depend on Hazelcast. */
class RecordObservationBatchTest {

    static byte[] state(double lat, long ms) {
        return NodeState.newBuilder().setNodeId("boat").setPosition(GeoPosition.newBuilder().setLatDeg(lat)
                .setObservedAt(Timestamps.fromMillis(ms))).build().toByteArray();
    }

    static int run(Map.Entry<String, byte[]> entry, long ms, double lat) {
        return new RecordObservationBatch(Map.of(entry.getKey(), new RecordObservationBatch.Newest(ms, state(lat, ms))))
                .process(entry);
    }

    @Test
    void theNewestObservationIsKeptAndALateOneNeverRollsItBack() throws Exception {
        Map.Entry<String, byte[]> e = new AbstractMap.SimpleEntry<>("boat", null);
        assertThat(run(e, 3000, 11.3)).isEqualTo(PictureStore.AssetWrite.STORED.ordinal());
        assertThat(VersionedValue.version(e.getValue())).isEqualTo(3000);

        assertThat(run(e, 2500, 11.0)).isEqualTo(PictureStore.AssetWrite.OLDER.ordinal());
        NodeState kept = NodeState.parseFrom(VersionedValue.payload(e.getValue()));
        assertThat(kept.getPosition().getLatDeg()).isEqualTo(11.3);

        assertThat(run(e, 4000, 11.4)).isEqualTo(PictureStore.AssetWrite.STORED.ordinal());
        assertThat(NodeState.parseFrom(VersionedValue.payload(e.getValue())).getPosition().getLatDeg()).isEqualTo(11.4);
    }

    @Test
    void aKeyTheBatchDoesNotCarryIsLeftAlone() {
        Map.Entry<String, byte[]> other = new AbstractMap.SimpleEntry<>("raft", null);
        Integer result = new RecordObservationBatch(Map.of("boat", new RecordObservationBatch.Newest(1, state(11, 1))))
                .process(other);
        assertThat(result).isNull();
        assertThat(other.getValue()).isNull();
    }

    @Test
    void anExactRepeatOfTheLatestChangesNothing() {
        Map.Entry<String, byte[]> e = new AbstractMap.SimpleEntry<>("boat", null);
        run(e, 5000, 11.3);
        byte[] before = e.getValue();
        assertThat(run(e, 5000, 11.3)).isEqualTo(PictureStore.AssetWrite.DUPLICATE.ordinal());
        assertThat(e.getValue()).isSameAs(before);
    }
}
