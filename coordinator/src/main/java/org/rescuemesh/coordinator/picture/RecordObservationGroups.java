package org.rescuemesh.coordinator.picture;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link RecordObservations} for many nodes of one partition in a single operation: an ingest
 * batch touches hundreds of assets, and one operation per partition instead of one per asset is
 * what keeps the partition threads busy with work rather than with invocation overhead. Only the
 * groups of one partition travel with it (also to the backup). Hazelcast's DataSerializable
 * rather than Java serialization: it is written for every partition operation of every batch.
 */
public final class RecordObservationGroups implements EntryProcessor<String, byte[], long[]>, DataSerializable {

    private static final long serialVersionUID = 1L;

    /** The observations of one node: see {@link RecordObservations}. */
    record Group(long[] observedMs, int newest, byte[] newestState) {
    }

    private Map<String, Group> groups;

    /** For Hazelcast's deserialization only. */
    public RecordObservationGroups() {
    }

    RecordObservationGroups(Map<String, Group> groups) {
        this.groups = groups;
    }

    @Override
    public long[] process(Map.Entry<String, byte[]> entry) {
        Group g = groups.get(entry.getKey());
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
}
