package org.rescuemesh.coordinator.picture;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Records a group of observations of one asset on the partition owner of its node entry: the
 * node keeps the newest observation (a late or replayed report never rolls it back) and every
 * observation that is not the stored latest one gets a track slot sequence number.
 *
 * <p>Result: {@code [write, seq0, seq1, …]} where {@code write} is the ordinal of
 * {@link PictureStore.AssetWrite} for the newest observation of the group and {@code seqI} is the
 * track sequence of observation {@code I}, or -1 for an exact repeat of the stored latest.
 */
public final class RecordObservations implements EntryProcessor<String, byte[], long[]>, DataSerializable {

    private static final long serialVersionUID = 1L;
    private long[] observedMs;
    private int newest;
    private byte[] newestState;

    /** For Hazelcast's deserialization (backups on other members) only. */
    public RecordObservations() {
    }

    /**
     * @param observedMs  observation times of the group, in arrival order
     * @param newest      index of the newest observation in {@code observedMs}
     * @param newestState the serialized NodeState of that observation
     */
    RecordObservations(long[] observedMs, int newest, byte[] newestState) {
        this.observedMs = observedMs;
        this.newest = newest;
        this.newestState = newestState;
    }

    @Override
    public long[] process(Map.Entry<String, byte[]> entry) {
        return apply(entry, observedMs, newest, newestState);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLongArray(observedMs);
        out.writeInt(newest);
        out.writeByteArray(newestState);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        observedMs = in.readLongArray();
        newest = in.readInt();
        newestState = in.readByteArray();
    }

    static long[] apply(Map.Entry<String, byte[]> entry, long[] observedMs, int newest, byte[] newestState) {
        byte[] current = entry.getValue();
        boolean have = VersionedValue.readable(current);
        long storedMs = have ? VersionedValue.version(current) : Long.MIN_VALUE;
        long head = have ? VersionedValue.counter(current) : 0;
        long[] out = new long[observedMs.length + 1];
        for (int i = 0; i < observedMs.length; i++) {
            out[i + 1] = observedMs[i] == storedMs ? -1 : head++;
        }
        long candidate = observedMs[newest];
        PictureStore.AssetWrite write;
        if (candidate > storedMs) {
            write = PictureStore.AssetWrite.STORED;
            entry.setValue(VersionedValue.encode(candidate, head, newestState));
        } else {
            write = candidate == storedMs ? PictureStore.AssetWrite.DUPLICATE : PictureStore.AssetWrite.OLDER;
            if (head != (have ? VersionedValue.counter(current) : 0)) {
                entry.setValue(VersionedValue.encode(storedMs, head, VersionedValue.payload(current)));
            }
        }
        out[0] = write.ordinal();
        return out;
    }
}
