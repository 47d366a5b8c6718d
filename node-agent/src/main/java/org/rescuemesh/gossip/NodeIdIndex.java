package org.rescuemesh.gossip;

import java.util.ArrayList;
import java.util.List;

/**
 * Dictionary from node id to a dense int slot, so member state lives in arrays instead of
 * per-member maps. A slot depends on nothing but the id, so a simulator may share one index
 * between all its nodes (10,000 nodes × 10,000 members) without changing what any node does.
 *
 * <p>Open addressing over the ids with their hashes kept beside them: this lookup runs for every
 * frame received, and the id in a frame is usually the very String the index holds (compared by
 * reference first), so a hit reads two arrays and no other object. Not thread-safe for writes:
 * one protocol thread owns it, or a simulator registers every id before its nodes run (lookups
 * of known ids only read).
 */
public final class NodeIdIndex {

    private final List<String> ids = new ArrayList<>();
    private String[] keys = new String[64];
    private int[] hashes = new int[64];
    private int[] slots = new int[64];
    private int mask = 63;

    /** The slot of {@code id}, allocating one on first sight. */
    public int slotOf(String id) {
        int h = spread(id.hashCode());
        int i = probe(id, h);
        if (keys[i] != null) {
            return slots[i];
        }
        int next = ids.size();
        ids.add(id);
        keys[i] = id;
        hashes[i] = h;
        slots[i] = next;
        if (ids.size() * 2 > keys.length) {
            grow();
        }
        return next;
    }

    /** The slot of {@code id}, or -1 when it was never seen. */
    public int find(String id) {
        int i = probe(id, spread(id.hashCode()));
        return keys[i] == null ? -1 : slots[i];
    }

    /** The table position holding {@code id}, or the empty position where it would go (linear probing). */
    private int probe(String id, int h) {
        int i = h & mask;
        String k;
        while ((k = keys[i]) != null) {
            if (k == id || (hashes[i] == h && k.equals(id))) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return i;
    }

    public String idOf(int slot) {
        return ids.get(slot);
    }

    public int size() {
        return ids.size();
    }

    private static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldSlots = slots;
        keys = new String[oldKeys.length * 2];
        hashes = new int[keys.length];
        slots = new int[keys.length];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = oldHashes[j] & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                hashes[i] = oldHashes[j];
                slots[i] = oldSlots[j];
            }
        }
    }
}
