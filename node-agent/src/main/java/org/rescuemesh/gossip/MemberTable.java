package org.rescuemesh.gossip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.rescuemesh.proto.v1.MemberState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * What this node knows of every member: one immutable {@link MemberState} per slot of the
 * {@link NodeIdIndex} (null = unknown). Keeping the protobuf record itself means push-pull can
 * send it as is, and records received from others can be kept without copying. Tracks the
 * number of live (alive or suspect) members and the set of dead ones for rejoin attempts.
 */
public final class MemberTable {

    private MemberState[] records = new MemberState[16];
    /**
     * Liveness per slot, beside the records: random member picks and the probe order test many
     * slots, and one byte array is far cheaper to read than a record per slot (10,000 members
     * per node, 10,000 nodes in a simulator).
     */
    private boolean[] liveAt = new boolean[16];
    private int live;
    private int known;
    private final List<Integer> dead = new ArrayList<>();
    private final Map<Integer, Integer> deadPosition = new HashMap<>();
    private final Map<Integer, Long> deadSinceMs = new HashMap<>();

    public MemberState get(int slot) {
        return slot < records.length ? records[slot] : null;
    }

    /** Replaces the record of {@code slot}; returns the previous one. */
    public MemberState put(int slot, MemberState record, long nowMs) {
        if (slot >= records.length) {
            // 1.5×: a table filled slot by slot ends close to the member count (10,000 members:
            // 10,390 slots, where doubling left 16,384 — 10,000 such tables in a simulator)
            records = Arrays.copyOf(records, Math.max(slot + 1, records.length + (records.length >> 1)));
            liveAt = Arrays.copyOf(liveAt, records.length);
        }
        MemberState previous = records[slot];
        records[slot] = record;
        if (previous == null) {
            known++;
        }
        boolean wasLive = previous != null && isLive(previous.getStatus());
        boolean isLive = isLive(record.getStatus());
        liveAt[slot] = isLive;
        if (wasLive != isLive) {
            live += isLive ? 1 : -1;
        }
        boolean wasDead = previous != null && previous.getStatus() == NodeStatus.NODE_STATUS_DEAD;
        boolean isDead = record.getStatus() == NodeStatus.NODE_STATUS_DEAD;
        if (isDead && !wasDead) {
            deadPosition.put(slot, dead.size());
            dead.add(slot);
            deadSinceMs.put(slot, nowMs);
        } else if (wasDead && !isDead) {
            int pos = deadPosition.remove(slot);
            int last = dead.remove(dead.size() - 1);
            if (last != slot) {
                dead.set(pos, last);
                deadPosition.put(last, pos);
            }
            deadSinceMs.remove(slot);
        }
        return previous;
    }

    public static boolean isLive(NodeStatus status) {
        return status == NodeStatus.NODE_STATUS_ALIVE || status == NodeStatus.NODE_STATUS_SUSPECT;
    }

    /** Whether the member at {@code slot} is known and alive or suspect. */
    public boolean isLiveAt(int slot) {
        return slot < liveAt.length && liveAt[slot];
    }

    /** Alive or suspect members, this node included. */
    public int liveCount() {
        return live;
    }

    /** Members ever known (any status), this node included. */
    public int knownCount() {
        return known;
    }

    /** Slots covered so far (some may be unknown). */
    public int capacity() {
        return records.length;
    }

    public int deadCount() {
        return dead.size();
    }

    /** A random dead member, or -1 when none. */
    public int randomDead(RandomGenerator random) {
        return dead.isEmpty() ? -1 : dead.get(random.nextInt(dead.size()));
    }

    /** When {@code slot} was marked dead here; -1 when it is not dead. */
    public long deadSinceMs(int slot) {
        Long since = deadSinceMs.get(slot);
        return since == null ? -1 : since;
    }

    /**
     * Up to {@code count} distinct random live members other than {@code exclude1} and
     * {@code exclude2}, plus members dead for less than {@code deadGraceMs} (they may refute).
     * Rejection sampling over the slots; falls back to a scan when live members are sparse.
     */
    public int[] randomMembers(int count, int exclude1, int exclude2, long deadGraceMs, long nowMs,
                               RandomGenerator random) {
        int n = records.length;
        int[] out = new int[count];
        int found = 0;
        int attempts = 0;
        int maxAttempts = 4 * count + 16;
        while (found < count && attempts < maxAttempts) {
            attempts++;
            int slot = random.nextInt(n);
            if (eligible(slot, exclude1, exclude2, deadGraceMs, nowMs) && !contains(out, found, slot)) {
                out[found++] = slot;
            }
        }
        if (found < count) {
            // sparse table: scan from a random start so small clusters still get full fanout
            int start = random.nextInt(n);
            for (int i = 0; i < n && found < count; i++) {
                int slot = (start + i) % n;
                if (eligible(slot, exclude1, exclude2, deadGraceMs, nowMs) && !contains(out, found, slot)) {
                    out[found++] = slot;
                }
            }
        }
        return found == count ? out : Arrays.copyOf(out, found);
    }

    private boolean eligible(int slot, int exclude1, int exclude2, long deadGraceMs, long nowMs) {
        if (slot == exclude1 || slot == exclude2) {
            return false;
        }
        if (liveAt[slot]) {
            return true;
        }
        MemberState r = records[slot];
        if (deadGraceMs > 0 && r != null && r.getStatus() == NodeStatus.NODE_STATUS_DEAD) {
            long since = deadSinceMs(slot);
            return since >= 0 && nowMs - since < deadGraceMs;
        }
        return false;
    }

    private static boolean contains(int[] a, int len, int v) {
        for (int i = 0; i < len; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
