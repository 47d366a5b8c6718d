package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import java.util.AbstractMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeState;

/** The entry processor run on plain entries: its rules do not depend on Hazelcast. */
class RecordObservationsTest {

    static byte[] state(double lat, long ms) {
        return NodeState.newBuilder().setNodeId("boat").setPosition(GeoPosition.newBuilder().setLatDeg(lat)
                .setObservedAt(Timestamps.fromMillis(ms))).build().toByteArray();
    }

    static long[] run(Map.Entry<String, byte[]> entry, long[] times, int newest, double lat) {
        return new RecordObservations(times, newest, state(lat, times[newest])).process(entry);
    }

    @Test
    void newestObservationIsKeptAndEveryOtherGetsATrackSlot() throws Exception {
        Map.Entry<String, byte[]> e = new AbstractMap.SimpleEntry<>("boat", null);
        long[] r = run(e, new long[]{1000, 3000, 2000}, 1, 11.3);
        assertThat(r).containsExactly(PictureStore.AssetWrite.STORED.ordinal(), 0, 1, 2);
        assertThat(VersionedValue.version(e.getValue())).isEqualTo(3000);
        assertThat(VersionedValue.counter(e.getValue())).isEqualTo(3);

        // A late, older report joins the track but does not roll the node back.
        long[] late = run(e, new long[]{2500}, 0, 11.0);
        assertThat(late).containsExactly(PictureStore.AssetWrite.OLDER.ordinal(), 3);
        NodeState kept = NodeState.parseFrom(VersionedValue.payload(e.getValue()));
        assertThat(kept.getPosition().getLatDeg()).isEqualTo(11.3);
        assertThat(VersionedValue.counter(e.getValue())).isEqualTo(4);
    }

    @Test
    void anExactRepeatOfTheLatestTakesNoSlot() {
        Map.Entry<String, byte[]> e = new AbstractMap.SimpleEntry<>("boat", null);
        run(e, new long[]{5000}, 0, 11.3);
        byte[] before = e.getValue();
        long[] again = run(e, new long[]{5000}, 0, 11.3);
        assertThat(again).containsExactly(PictureStore.AssetWrite.DUPLICATE.ordinal(), -1);
        assertThat(e.getValue()).isSameAs(before);
    }
}
