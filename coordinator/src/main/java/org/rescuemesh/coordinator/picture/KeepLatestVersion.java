package org.rescuemesh.coordinator.picture;

import com.hazelcast.map.EntryProcessor;
import java.util.Arrays;
import java.util.Map;

/**
 * Merges a value replayed from a member database into the cluster map: the latest version wins
 * (see {@link VersionedValue#merge}). Runs on the partition owner and its backups.
 */
final class KeepLatestVersion implements EntryProcessor<String, byte[], Boolean> {

    private static final long serialVersionUID = 1L;
    private final byte[] incoming;

    KeepLatestVersion(byte[] incoming) {
        this.incoming = incoming;
    }

    @Override
    public Boolean process(Map.Entry<String, byte[]> entry) {
        byte[] current = entry.getValue();
        byte[] merged = VersionedValue.merge(current, incoming);
        if (current != null && Arrays.equals(merged, current)) {
            return false;
        }
        entry.setValue(merged);
        return true;
    }
}
