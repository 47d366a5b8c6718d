package org.rescuemesh.coordinator.picture;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
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
public final class RecordObservationBatch implements EntryProcessor<String, byte[], Integer>, IdentifiedDataSerializable,
        HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    /** One asset's newest observation of the chunk: its time and serialized NodeState. */
    record Newest(long observedMs, byte[] state) {
    }

    private Map<String, Newest> newest;
    /** True for the batch run on the partition owner; its backup copies run without the database. */
    private boolean onOwner;
    /** The owner's write-through database, if any (injected where the batch runs). */
    private transient PictureDatabase db;
    private transient RecordObservationBatch backup;

    /** For Hazelcast's deserialization only. */
    public RecordObservationBatch() {
    }

    RecordObservationBatch(Map<String, Newest> newest) {
        this(newest, true);
    }

    private RecordObservationBatch(Map<String, Newest> newest, boolean onOwner) {
        this.newest = newest;
        this.onOwner = onOwner;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        Object d = hz.getUserContext().get(CommitBarrier.CONTEXT_KEY);
        db = d instanceof PictureDatabase p ? p : null;
    }

    @Override
    public EntryProcessor<String, byte[], Integer> getBackupProcessor() {
        if (!onOwner) {
            return this;
        }
        if (backup == null) {
            backup = new RecordObservationBatch(newest, false);
        }
        return backup;
    }

    @Override
    public Integer process(Map.Entry<String, byte[]> entry) {
        Newest n = newest.get(entry.getKey());
        if (n == null) {
            // Not a key of this batch: never sent one (the operation carries the batch's keys only).
            return null;
        }
        int write = record(entry, n.observedMs(), n.state());
        if (onOwner && db != null && write != PictureStore.AssetWrite.STORED.ordinal()) {
            keepOnDisk(entry);
        }
        return write;
    }

    /**
     * The report is acknowledged once this owner's commit is done, but it changed nothing: the
     * node holds this observation already (a resend) or a newer one. That value must be on this
     * owner's disk too, and it is unless it came from elsewhere — a promoted backup holds what the
     * dead owner wrote, perhaps uncommitted; a migrated partition what the old owner wrote — and
     * was not written here since. Then it is staged here now (on the partition thread, so in order
     * with every write of the key). In a steady stream every value was staged by its own write:
     * a lookup in this member's database (staged or committed rows).
     */
    private void keepOnDisk(Map.Entry<String, byte[]> entry) {
        byte[] current = entry.getValue();
        if (VersionedValue.readable(current) && !db.holds(PictureMaps.NODES, entry.getKey(), VersionedValue.version(current))) {
            db.stage(PictureMaps.NODES, entry.getKey(), current);
        }
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
        out.writeBoolean(onOwner);
        out.writeInt(newest.size());
        for (Map.Entry<String, Newest> e : newest.entrySet()) {
            out.writeString(e.getKey());
            out.writeLong(e.getValue().observedMs());
            out.writeByteArray(e.getValue().state());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        onOwner = in.readBoolean();
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
