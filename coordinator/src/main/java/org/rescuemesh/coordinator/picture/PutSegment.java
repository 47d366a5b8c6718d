package org.rescuemesh.coordinator.picture;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Stores a {@link TrackSegment} under its (unique) key unless the key already holds one: segments
 * never change, so a repeat is a no-op. The same processor runs on the backups.
 *
 * <p>Why an entry processor and not {@code setAsync}: in Hazelcast 5.3.8 the asynchronous
 * single-key calls ({@code setAsync}, {@code putAsync}, {@code getAsync}, …) pick the partition
 * from the key object without the map's partitioning strategy, while the stored key carries the
 * strategy's partition — the entry lands in the wrong partition and {@code get} does not find it
 * ({@code TrackSegmentsTest} caught exactly that). {@code submitToKey} routes by the key as the
 * strategy places it, and like any single-key operation it completes only after its synchronous
 * backups acknowledged.
 */
public final class PutSegment implements EntryProcessor<String, byte[], Boolean>, IdentifiedDataSerializable {

    private static final long serialVersionUID = 1L;
    private byte[] segment;

    /** For Hazelcast's deserialization (backups on other members) only. */
    public PutSegment() {
    }

    PutSegment(byte[] segment) {
        this.segment = segment;
    }

    @Override
    public Boolean process(Map.Entry<String, byte[]> entry) {
        if (entry.getValue() != null) {
            return false;
        }
        entry.setValue(segment);
        return true;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(segment);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        segment = in.readByteArray();
    }

    @Override
    public int getFactoryId() {
        return PictureSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return PictureSerialization.PUT_SEGMENT;
    }
}
