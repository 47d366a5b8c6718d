package org.rescuemesh.coordinator.picture;

import com.hazelcast.map.MapStore;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

/**
 * Hazelcast write path into the member's {@link PictureDatabase}: called on the partition owner
 * before a write is acknowledged (write-through) or in batches (write-behind).
 *
 * <p>Loading is deliberately not done through Hazelcast's MapLoader: its initial load asks one
 * member for all keys and then each partition owner for the values, which assumes one shared
 * database. Here every member has its own file, so {@link PictureReplay} merges each member's
 * rows into the cluster instead; {@link #loadAllKeys()} returns null (no MapLoader load).
 */
final class PictureMapStore implements MapStore<String, byte[]> {

    private final PictureDatabase db;
    private final String map;

    PictureMapStore(PictureDatabase db, String map) {
        this.db = db;
        this.map = map;
    }

    @Override
    public void store(String key, byte[] value) {
        storeAll(Map.of(key, value));
    }

    @Override
    public void storeAll(Map<String, byte[]> entries) {
        try {
            db.upsert(map, entries);
        } catch (SQLException e) {
            // Propagates to the writer: the write (and its acknowledgement) fails instead of being lost silently.
            throw new IllegalStateException("picture database write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) {
        deleteAll(java.util.List.of(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        try {
            db.delete(map, keys);
        } catch (SQLException e) {
            throw new IllegalStateException("picture database delete failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] load(String key) {
        return null;
    }

    @Override
    public Map<String, byte[]> loadAll(Collection<String> keys) {
        return Map.of();
    }

    @Override
    public Iterable<String> loadAllKeys() {
        return null;
    }
}
