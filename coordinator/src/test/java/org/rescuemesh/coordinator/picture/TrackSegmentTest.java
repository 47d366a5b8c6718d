package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;

/** The segment value layout and the per-node projection, without Hazelcast. */
class TrackSegmentTest {

    static GeoPosition at(double lat, long ms) {
        return GeoPosition.newBuilder().setLatDeg(lat).setLonDeg(125).setObservedAt(Timestamps.fromMillis(ms)).build();
    }

    static byte[] id(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pointsComeBackInTheOrderWrittenWithTheirNodesAndPositions() throws Exception {
        byte[] v = TrackSegment.builder().add(id("boat"), 2000, at(11.2, 2000)).add(id("raft-é"), 1000, at(12.1, 1000))
                .add(id("boat"), 3000, at(11.3, 3000).toByteArray()).encode();
        assertThat(TrackSegment.points(v)).isEqualTo(3);
        assertThat(VersionedValue.version(v)).isEqualTo(3000);
        List<TrackSegment.Point> all = TrackSegment.decode(v);
        assertThat(all).extracting(TrackSegment.Point::nodeId).containsExactly("boat", "raft-é", "boat");
        assertThat(all).extracting(TrackSegment.Point::observedMs).containsExactly(2000L, 1000L, 3000L);
        assertThat(GeoPosition.parseFrom(all.get(1).position())).isEqualTo(at(12.1, 1000));
        assertThat(TrackSegment.pointsOf(v, "boat")).extracting(TrackSegment.Point::observedMs).containsExactly(2000L, 3000L);
        assertThat(TrackSegment.pointsOf(v, "boa")).isEmpty();
    }

    @Test
    void theProjectionKeepsOneNodesPointsOnly() {
        byte[] v = TrackSegment.builder().add(id("boat"), 2000, at(11.2, 2000)).add(id("raft"), 1000, at(12.1, 1000)).encode();
        byte[] boat = new PointsOf("boat").transform(new AbstractMap.SimpleEntry<>("k@p1", v));
        assertThat(TrackSegment.decode(boat)).singleElement().satisfies(p -> {
            assertThat(p.nodeId()).isEqualTo("boat");
            assertThat(p.observedMs()).isEqualTo(2000);
        });
        assertThat(TrackSegment.decode(new PointsOf("ship").transform(new AbstractMap.SimpleEntry<>("k@p1", v)))).isEmpty();
    }

    @Test
    void aTruncatedOrForeignValueGivesNoInventedPoints() {
        byte[] v = TrackSegment.builder().add(id("boat"), 2000, at(11.2, 2000)).add(id("raft"), 1000, at(12.1, 1000)).encode();
        byte[] cut = java.util.Arrays.copyOf(v, v.length - 3);
        assertThat(TrackSegment.decode(cut)).extracting(TrackSegment.Point::nodeId).containsExactly("boat");
        assertThat(TrackSegment.decode(new byte[]{1, 2})).isEmpty();
        assertThat(TrackSegment.decode(null)).isEmpty();
    }

    @Test
    void lastDistinctKeepsTheNewestNOncePerTimeOldestFirst() {
        List<TrackSegment.Point> ps = List.of(p(5), p(1), p(3), p(5), p(2), p(4), p(3));
        assertThat(TrackCompaction.lastDistinct(ps, 3)).extracting(TrackSegment.Point::observedMs).containsExactly(3L, 4L, 5L);
        assertThat(TrackCompaction.lastDistinct(ps, 10)).extracting(TrackSegment.Point::observedMs)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    static TrackSegment.Point p(long ms) {
        return new TrackSegment.Point("boat", ms, new byte[0]);
    }
}
