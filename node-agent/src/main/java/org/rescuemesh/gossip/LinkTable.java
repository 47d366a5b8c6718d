package org.rescuemesh.gossip;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Link estimators per member slot, bounded: beyond {@code capacity} peers, the least recently
 * heard of a few sampled entries is forgotten (approximate LRU, O(1)). A field radio
 * has tens of neighbours; a 10,000-member LAN must not keep 10,000 estimators per node. Open
 * addressing on int keys with backward-shift deletion: this lookup runs for every frame. The
 * table keeps its own copy of each peer's last-heard time (updated through {@link #heard}), so
 * choosing a victim reads two arrays instead of eight estimators scattered over the heap — in a
 * 10,000-member cluster nearly every probe meets a peer not in the table.
 */
public final class LinkTable {

    private static final int EMPTY = -1;
    private static final int EVICTION_SAMPLES = 8;

    private final int capacity;
    private final RandomGenerator random;
    private int[] keys;
    private LinkEstimator[] values;
    private long[] heardAt;
    private int mask;
    private int size;

    public LinkTable(int capacity, RandomGenerator random) {
        this.capacity = capacity;
        this.random = random;
        keys = new int[16];
        values = new LinkEstimator[keys.length];
        heardAt = new long[keys.length];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
    }

    /** The estimator of {@code slot}, created (possibly evicting another) when absent. */
    public LinkEstimator get(int slot) {
        int i = indexOf(slot); // may grow the arrays: read values after it
        return values[i];
    }

    /** Bucket of {@code slot}, inserting a fresh estimator (possibly evicting another) when absent. */
    private int indexOf(int slot) {
        int i = find(slot);
        if (keys[i] == slot) {
            return i;
        }
        if (size >= capacity) {
            evictOne();
            i = find(slot);
        } else if ((size + 1) * 4 > keys.length) {
            // at most a quarter full: evictions keep the table full for good, and at half full
            // the churn of a 10,000-member cluster built runs of 20-100 buckets
            grow();
            i = find(slot);
        }
        LinkEstimator e = new LinkEstimator();
        keys[i] = slot;
        values[i] = e;
        heardAt[i] = e.lastHeardMs();
        size++;
        return i;
    }

    /** Records a frame heard from {@code slot} now; returns its estimator (created when absent). */
    public LinkEstimator heard(int slot, long nowMs) {
        int i = indexOf(slot);
        touch(i, values[i], nowMs);
        return values[i];
    }

    /** Records a frame heard from {@code slot} if it has an estimator; returns it, or null. */
    public LinkEstimator heardIfKnown(int slot, long nowMs) {
        int i = find(slot);
        if (keys[i] != slot) {
            return null;
        }
        touch(i, values[i], nowMs);
        return values[i];
    }

    private void touch(int i, LinkEstimator e, long nowMs) {
        e.heard(nowMs);
        heardAt[i] = e.lastHeardMs();
    }

    /** The estimator when one exists; null otherwise (never creates). */
    public LinkEstimator peek(int slot) {
        int i = find(slot);
        return keys[i] == slot ? values[i] : null;
    }

    public int size() {
        return size;
    }

    private int find(int slot) {
        int i = mix(slot) & mask;
        while (keys[i] != EMPTY && keys[i] != slot) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Murmur3's finalizer: slots are small consecutive ints, and their low bits alone cluster badly. */
    private static int mix(int x) {
        int h = x * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }

    private void grow() {
        int[] oldKeys = keys;
        LinkEstimator[] oldValues = values;
        long[] oldHeard = heardAt;
        keys = new int[oldKeys.length * 2];
        values = new LinkEstimator[keys.length];
        heardAt = new long[keys.length];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = find(oldKeys[j]);
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
                heardAt[i] = oldHeard[j];
            }
        }
    }

    private void evictOne() {
        int victim = -1;
        long oldest = Long.MAX_VALUE;
        int sampled = 0;
        // neighbouring buckets from a random start: a random sample of entries (buckets hold
        // hashed slots), read from two cache lines
        int start = random.nextInt(keys.length);
        for (int k = 0; k < keys.length && sampled < EVICTION_SAMPLES; k++) {
            int i = (start + k) & mask;
            if (keys[i] != EMPTY) {
                sampled++;
                if (heardAt[i] < oldest) {
                    oldest = heardAt[i];
                    victim = i;
                }
            }
        }
        if (victim >= 0) {
            remove(victim);
        }
    }

    private void remove(int i) {
        keys[i] = EMPTY;
        values[i] = null;
        size--;
        // backward-shift the following cluster so lookups never stop at the hole
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == EMPTY) {
                return;
            }
            int home = mix(keys[j]) & mask;
            boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                heardAt[i] = heardAt[j];
                keys[j] = EMPTY;
                values[j] = null;
                i = j;
            }
        }
    }
}
