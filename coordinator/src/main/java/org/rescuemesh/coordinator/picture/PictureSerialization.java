package org.rescuemesh.coordinator.picture;

import com.hazelcast.config.Config;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Serialization ids of the picture's own Hazelcast objects that travel between members (identified
 * by two ints instead of a class name per object). Every member registers the factory
 * ({@link #register}).
 */
final class PictureSerialization implements DataSerializableFactory {

    /** Ours; Hazelcast's own factories use negative ids. */
    static final int FACTORY_ID = 7_301;
    static final int STORE_AGAIN = 1;
    static final int POINTS_OF = 2;
    // 3 was RecordObservations, the single-key node write that RecordObservationBatch replaced.
    static final int PUT_SEGMENT = 4;
    static final int NODE_CHANGES = 5;
    static final int RECORD_OBSERVATION_BATCH = 6;
    static final int SYNC_BACKUP_ENTRY_OPERATION = 7;

    static void register(Config config) {
        config.getSerializationConfig().addDataSerializableFactory(FACTORY_ID, new PictureSerialization());
    }

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case STORE_AGAIN -> new StoreAgain();
            case POINTS_OF -> new PointsOf();
            case PUT_SEGMENT -> new PutSegment();
            case NODE_CHANGES -> new NodeChanges();
            case RECORD_OBSERVATION_BATCH -> new RecordObservationBatch();
            case SYNC_BACKUP_ENTRY_OPERATION -> new SyncBackupEntryOperation();
            default -> null;
        };
    }
}
