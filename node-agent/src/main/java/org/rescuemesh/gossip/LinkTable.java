package org.rescuemesh.gossip;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Link estimators per member slot, bounded: beyond {@code capacity} peers the least recently
 * used one is forgotten (a field radio has tens of neighbours; a 10,000-member LAN must not keep
 * 10,000 estimators per node).
 */
public final class LinkTable {

    private final LinkedHashMap<Integer, LinkEstimator> links;

    public LinkTable(int capacity) {
        this.links = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, LinkEstimator> eldest) {
                return size() > capacity;
            }
        };
    }

    public LinkEstimator get(int slot) {
        return links.computeIfAbsent(slot, s -> new LinkEstimator());
    }

    /** The estimator when one exists; null otherwise (never creates). */
    public LinkEstimator peek(int slot) {
        return links.get(slot);
    }

    public int size() {
        return links.size();
    }
}
