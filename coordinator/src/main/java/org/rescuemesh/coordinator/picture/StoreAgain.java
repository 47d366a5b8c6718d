package org.rescuemesh.coordinator.picture;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.util.Map;

/**
 * Writes an entry's current value again on its partition owner, unchanged: write-through then
 * stages it for that owner's next group commit. Used when the member that owned an entry at write
 * time left before confirming its commit — the write lives on in the promoted backup's memory, and
 * this puts it on the new owner's disk before the write is acknowledged. Run on the partition
 * thread, so it is ordered with every other write of the key (a newer value is never replaced by
 * an older one). No backup processor: the value does not change.
 */
public final class StoreAgain implements EntryProcessor<String, byte[], Boolean>, IdentifiedDataSerializable {

    private static final long serialVersionUID = 1L;

    /** Stateless; also Hazelcast's deserialization constructor. */
    public StoreAgain() {
    }

    @Override
    public Boolean process(Map.Entry<String, byte[]> entry) {
        byte[] current = entry.getValue();
        if (current == null) {
            return false;
        }
        entry.setValue(current);
        return true;
    }

    @Override
    public EntryProcessor<String, byte[], Boolean> getBackupProcessor() {
        return null;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // Stateless.
    }

    @Override
    public void readData(ObjectDataInput in) {
        // Stateless.
    }

    @Override
    public int getFactoryId() {
        return PictureSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return PictureSerialization.STORE_AGAIN;
    }
}
