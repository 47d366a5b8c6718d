package org.rescuemesh.coordinator.picture;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link RecordObservations} for every asset of one partition in one operation: the batch carries
 * each key's group and applies the group of the entry it is run on (on the owner, and again on
 * each backup, whose copy of the entry is the same). Serialised once per partition and backup,
 * not once per asset.
 */
public final class RecordObservationBatch implements EntryProcessor<String, byte[], long[]>, IdentifiedDataSerializable {

    private static final long serialVersionUID = 1L;

    /** The observations of one asset: times in arrival order, which one is newest, its serialized NodeState. */
    record Group(long[] observedMs, int newest, byte[] newestState) {
    }

    private Map<String, Group> groups;

    /** For Hazelcast's deserialization (owner and backups) only. */
    public RecordObservationBatch() {
    }

    RecordObservationBatch(Map<String, Group> groups) {
        this.groups = groups;
    }

    @Override
    public long[] process(Map.Entry<String, byte[]> entry) {
        Group g = groups.get(entry.getKey());
        if (g == null) {
            return null;
        }
        return RecordObservations.apply(entry, g.observedMs(), g.newest(), g.newestState());
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(groups.size());
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            out.writeString(e.getKey());
            out.writeLongArray(e.getValue().observedMs());
            out.writeInt(e.getValue().newest());
            out.writeByteArray(e.getValue().newestState());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        groups = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            groups.put(in.readString(), new Group(in.readLongArray(), in.readInt(), in.readByteArray()));
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
