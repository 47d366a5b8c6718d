package org.rescuemesh.coordinator.picture;

import com.hazelcast.map.EntryProcessor;
import java.io.Serializable;
import java.util.Map;

/**
 * {@link RecordObservations} for many nodes of one partition in a single operation: an ingest
 * batch touches hundreds of assets, and one operation per partition instead of one per asset is
 * what keeps the partition threads busy with work rather than with invocation overhead. Only the
 * groups of one partition travel with it (also to the backup).
 */
final class RecordObservationGroups implements EntryProcessor<String, byte[], long[]> {

    private static final long serialVersionUID = 1L;

    /** The observations of one node: see {@link RecordObservations}. */
    record Group(long[] observedMs, int newest, byte[] newestState) implements Serializable {
    }

    private final Map<String, Group> groups;

    RecordObservationGroups(Map<String, Group> groups) {
        this.groups = groups;
    }

    @Override
    public long[] process(Map.Entry<String, byte[]> entry) {
        Group g = groups.get(entry.getKey());
        return RecordObservations.apply(entry, g.observedMs(), g.newest(), g.newestState());
    }
}
