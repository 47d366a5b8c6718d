package org.rescuemesh.coordinator.picture;

import com.hazelcast.map.MapStore;
import java.util.Collection;
import java.util.Map;

/**
 * Hazelcast write path into the member's {@link PictureDatabase}: called on the partition owner
 * while a write runs (write-through) or in batches (write-behind). It only stages the entries for
 * the database's next group commit; writers that promise durability wait for
 * {@link PictureDatabase#commitBarrier()} on the owner (see {@link CommitBarrier}).
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
        db.stage(map, key, value);
    }

    @Override
    public void storeAll(Map<String, byte[]> entries) {
        db.stage(map, entries);
    }

    @Override
    public void delete(String key) {
        deleteAll(java.util.List.of(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        db.stageDelete(map, keys);
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
