package org.rescuemesh.coordinator.picture;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.projection.Projection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs on the owner of a partition's track segments and keeps only one node's points of each (as
 * a segment value of its own; empty when the segment holds none), so a track read ships that
 * node's points rather than every segment of its partition.
 */
public final class PointsOf implements Projection<Map.Entry<String, byte[]>, byte[]>, IdentifiedDataSerializable {

    private static final long serialVersionUID = 1L;
    private static final byte[] NONE = new byte[0];
    private String nodeId;
    private transient byte[] idUtf8;

    /** For Hazelcast's deserialization only. */
    public PointsOf() {
    }

    PointsOf(String nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public byte[] transform(Map.Entry<String, byte[]> entry) {
        if (idUtf8 == null) {
            idUtf8 = nodeId.getBytes(StandardCharsets.UTF_8);
        }
        List<TrackSegment.Point> points = new ArrayList<>();
        TrackSegment.forEach(entry.getValue(), idUtf8, points);
        if (points.isEmpty()) {
            return NONE;
        }
        TrackSegment.Builder b = TrackSegment.builder();
        for (TrackSegment.Point p : points) {
            b.add(idUtf8, p.observedMs(), p.position());
        }
        return b.encode();
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(nodeId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        nodeId = in.readString();
    }

    @Override
    public int getFactoryId() {
        return PictureSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return PictureSerialization.POINTS_OF;
    }
}
