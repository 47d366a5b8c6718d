package org.rescuemesh.coordinator.picture;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Records the newest of a group of observations of one asset on the partition owner of its node
 * entry: the node keeps the newest observation ever seen (a late or replayed report never rolls
 * it back). The track points themselves go into {@link TrackSegment}s, written beside this.
 *
 * <p>Result: the ordinal of {@link PictureStore.AssetWrite} for the group's newest observation.
 */
public final class RecordObservations implements EntryProcessor<String, byte[], Integer>, IdentifiedDataSerializable {

    private static final long serialVersionUID = 1L;
    private long observedMs;
    private byte[] state;

    /** For Hazelcast's deserialization (backups on other members) only. */
    public RecordObservations() {
    }

    /**
     * @param observedMs observation time of the group's newest observation
     * @param state      the serialized NodeState of that observation
     */
    RecordObservations(long observedMs, byte[] state) {
        this.observedMs = observedMs;
        this.state = state;
    }

    @Override
    public Integer process(Map.Entry<String, byte[]> entry) {
        byte[] current = entry.getValue();
        long storedMs = VersionedValue.readable(current) ? VersionedValue.version(current) : Long.MIN_VALUE;
        PictureStore.AssetWrite write;
        if (observedMs > storedMs) {
            write = PictureStore.AssetWrite.STORED;
            entry.setValue(VersionedValue.encode(observedMs, 0, state));
        } else {
            write = observedMs == storedMs ? PictureStore.AssetWrite.DUPLICATE : PictureStore.AssetWrite.OLDER;
        }
        return write.ordinal();
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(observedMs);
        out.writeByteArray(state);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        observedMs = in.readLong();
        state = in.readByteArray();
    }

    @Override
    public int getFactoryId() {
        return PictureSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return PictureSerialization.RECORD_OBSERVATIONS;
    }
}
