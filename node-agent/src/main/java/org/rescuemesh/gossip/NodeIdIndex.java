package org.rescuemesh.gossip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dictionary from node id to a dense int slot, so member state lives in arrays instead of
 * per-member maps. A slot depends on nothing but the id, so a simulator may share one index
 * between all its nodes (10,000 nodes × 10,000 members) without changing what any node does.
 * Not thread-safe: one protocol thread (or one simulator thread) owns it.
 */
public final class NodeIdIndex {

    private final Map<String, Integer> slots = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    /** The slot of {@code id}, allocating one on first sight. */
    public int slotOf(String id) {
        Integer slot = slots.get(id);
        if (slot != null) {
            return slot;
        }
        int next = ids.size();
        slots.put(id, next);
        ids.add(id);
        return next;
    }

    /** The slot of {@code id}, or -1 when it was never seen. */
    public int find(String id) {
        Integer slot = slots.get(id);
        return slot == null ? -1 : slot;
    }

    public String idOf(int slot) {
        return ids.get(slot);
    }

    public int size() {
        return ids.size();
    }
}
