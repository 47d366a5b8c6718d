package org.rescuemesh.coordinator.picture;

import com.hazelcast.config.Config;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Serialization ids of the picture's own Hazelcast objects that travel between members on the
 * ingest path: identified by two ints instead of a class name per object, and
 * {@link SyncBackupEntryOperation} must not be rebuilt as its Hazelcast parent on the owner.
 * Every member registers the factory ({@link #register}).
 */
final class PictureSerialization implements DataSerializableFactory {

    /** Ours; Hazelcast's own factories use negative ids. */
    static final int FACTORY_ID = 7_301;
    static final int SYNC_BACKUP_ENTRY_OPERATION = 1;
    static final int RECORD_OBSERVATION_BATCH = 2;
    static final int STORE_AGAIN = 3;

    static void register(Config config) {
        config.getSerializationConfig().addDataSerializableFactory(FACTORY_ID, new PictureSerialization());
    }

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case SYNC_BACKUP_ENTRY_OPERATION -> new SyncBackupEntryOperation();
            case RECORD_OBSERVATION_BATCH -> new RecordObservationBatch();
            case STORE_AGAIN -> new StoreAgain();
            default -> null;
        };
    }
}
