package org.rescuemesh.coordinator.picture;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Records the newest observation of each asset of a chunk that lives in one partition on the
 * owner of its node entry, in one operation ({@link SyncBackupEntryOperation}): the node keeps the
 * newest observation ever seen (a late or replayed report never rolls it back; the track points
 * themselves go into {@link TrackSegment}s, written beside this). The batch carries each key's
 * newest observation and applies the one of the entry it runs on, on the owner and again on each
 * backup (whose copy of the entry is the same). One invocation, one serialization and one backup
 * per partition instead of per asset.
 *
 * <p>Result per key: the ordinal of {@link PictureStore.AssetWrite}.
 */
public final class RecordObservationBatch implements EntryProcessor<String, byte[], Integer>, IdentifiedDataSerializable {

    private static final long serialVersionUID = 1L;

    /** One asset's newest observation of the chunk: its time and serialized NodeState. */
    record Newest(long observedMs, byte[] state) {
    }

    private Map<String, Newest> newest;

    /** For Hazelcast's deserialization (backups on other members) only. */
    public RecordObservationBatch() {
    }

    RecordObservationBatch(Map<String, Newest> newest) {
        this.newest = newest;
    }

    @Override
    public Integer process(Map.Entry<String, byte[]> entry) {
        Newest n = newest.get(entry.getKey());
        if (n == null) {
            // Not a key of this batch: never sent one (the operation carries the batch's keys only).
            return null;
        }
        return record(entry, n.observedMs(), n.state());
    }

    /** Records {@code state} observed at {@code observedMs} in {@code entry} unless it holds a newer one. */
    static int record(Map.Entry<String, byte[]> entry, long observedMs, byte[] state) {
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
        out.writeInt(newest.size());
        for (Map.Entry<String, Newest> e : newest.entrySet()) {
            out.writeString(e.getKey());
            out.writeLong(e.getValue().observedMs());
            out.writeByteArray(e.getValue().state());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative observation count");
        }
        newest = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            newest.put(in.readString(), new Newest(in.readLong(), in.readByteArray()));
        }
    }

    @Override
    public int getFactoryId() {
        return PictureSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return PictureSerialization.RECORD_OBSERVATION_BATCH;
    }
}
