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

    static void register(Config config) {
        config.getSerializationConfig().addDataSerializableFactory(FACTORY_ID, new PictureSerialization());
    }

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case STORE_AGAIN -> new StoreAgain();
            default -> null;
        };
    }
}
