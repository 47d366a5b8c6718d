package org.rescuemesh.coordinator.picture;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.impl.operation.MultipleEntryOperation;
import java.util.Set;

/**
 * Hazelcast's multi-key entry-processor operation for one partition, with <em>synchronous</em>
 * backups.
 *
 * <p>Why: in Hazelcast 5.3 {@code MultipleEntryOperation} reports 0 synchronous and all of the
 * map's backups as asynchronous ones — it is meant to run inside a partition-iterating operation,
 * where nobody waits for backups anyway. Invoked on its partition on its own, its future therefore
 * completed as soon as the primary had run it: a primary killed right after lost the update, its
 * promoted backup held the older node entry. With the map's configured counts the invocation
 * waits for the backups' acknowledgements like a single-key {@code submitToKey}
 * ({@code SyncBackupEntryOperationTest} fails with the plain operation's counts).
 *
 * <p>It has its own serialization id (see {@link PictureSerialization}): under Hazelcast's id a
 * remote member would rebuild the plain operation and its asynchronous backups.
 */
public final class SyncBackupEntryOperation extends MultipleEntryOperation {

    /** For Hazelcast's deserialization on the partition owner only. */
    public SyncBackupEntryOperation() {
    }

    SyncBackupEntryOperation(String map, Set<Data> keys, EntryProcessor<?, ?, ?> processor) {
        super(map, keys, processor);
    }

    @Override
    public int getSyncBackupCount() {
        return mapContainer.getBackupCount();
    }

    @Override
    public int getAsyncBackupCount() {
        return mapContainer.getAsyncBackupCount();
    }

    @Override
    public int getFactoryId() {
        return PictureSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return PictureSerialization.SYNC_BACKUP_ENTRY_OPERATION;
    }
}
