package org.rescuemesh.gossip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.rescuemesh.proto.v1.GossipMessage;

/**
 * Updates waiting to be piggybacked. Each is sent at most {@code limit} times (λ·log n, given by
 * the caller because n changes); the least-sent and then newest go first; a newer update about
 * the same member replaces the older one (a queued "suspect n3" is pointless once "alive n3 #7"
 * is known). Beyond {@code maxDepth} the most-sent updates are dropped.
 *
 * <p>Urgent updates ({@link #enqueueUrgent}: a node's refutation of an accusation against itself)
 * go first in every frame until their limit and are never dropped for depth: the accused is the
 * only source of its refutation, and when queues sit at their bound (10,000 simulated members at
 * 30 % loss did, in a burst of start-up suspicions) a refutation waiting behind other news, or
 * dropped, lets suspicion timers expire into false deaths.
 */
public final class BroadcastQueue {

    /** Subject of updates that never supersede one another. */
    public static final int NO_SUBJECT = -1;

    private static final Comparator<Item> ORDER = Comparator
            .comparingInt((Item i) -> i.urgent ? 0 : 1)
            .thenComparingInt((Item i) -> i.transmits)
            .thenComparing(Comparator.comparingLong((Item i) -> i.id).reversed());

    private static final class Item {
        final int subject;
        final GossipMessage message;
        final int bytes;
        final long id;
        final int limitScale;
        final boolean urgent;
        int transmits;

        Item(int subject, GossipMessage message, long id, int limitScale, boolean urgent) {
            this.subject = subject;
            this.urgent = urgent;
            this.limitScale = Math.max(1, limitScale);
            this.message = message;
            this.bytes = FrameBudget.messageBytes(message);
            this.id = id;
        }
    }

    /** Items looked at per frame at most. */
    private static final int MAX_SCAN = 256;
    /** No gossip message encodes in fewer bytes (tag, length, one id byte and a field). */
    private static final int MIN_MESSAGE_BYTES = 6;

    private final TreeSet<Item> items = new TreeSet<>(ORDER);
    /** Queued item per subject; a primitive table (a simulator holds 10,000 queues of up to 1,024 items). */
    private final SubjectIndex bySubject = new SubjectIndex();
    private final int maxDepth;
    private long nextId;
    private long dropped;

    public BroadcastQueue(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, got " + maxDepth);
        }
        this.maxDepth = maxDepth;
    }

    /** Queues {@code message}, replacing any queued update about the same subject. */
    public void enqueue(int subject, GossipMessage message) {
        enqueue(subject, message, 1);
    }

    /** Queues {@code message} to be sent {@code limitScale} times the usual retransmit limit. */
    public void enqueue(int subject, GossipMessage message, int limitScale) {
        enqueue(subject, message, limitScale, false);
    }

    /**
     * Queues an urgent update (a refutation): ahead of all other news in every frame until its
     * limit, never dropped for depth. A newer update replacing it about the same subject stays
     * urgent while the urgent one had not finished: it carries the refutation too (a higher
     * incarnation of the same member).
     */
    public void enqueueUrgent(int subject, GossipMessage message) {
        if (subject == NO_SUBJECT) {
            throw new IllegalArgumentException("an urgent update needs a subject");
        }
        enqueue(subject, message, 1, true);
    }

    private void enqueue(int subject, GossipMessage message, int limitScale, boolean urgent) {
        if (subject != NO_SUBJECT) {
            Item old = bySubject.remove(subject);
            if (old != null) {
                items.remove(old);
                urgent |= old.urgent;
            }
        }
        Item item = new Item(subject, message, nextId++, limitScale, urgent);
        items.add(item);
        if (subject != NO_SUBJECT) {
            bySubject.put(subject, item);
        }
        while (items.size() > maxDepth) {
            // the most-sent, oldest ordinary update goes; urgent ones sort first, so the last is
            // urgent only when every item is, and then the queue may exceed its depth by those
            Item worst = items.last();
            if (worst.urgent) {
                break;
            }
            items.pollLast();
            forget(worst);
            dropped++;
        }
    }

    /**
     * Takes updates whose encoded size fits {@code budgetBytes}, counting one transmission
     * each; updates that reached {@code limit} transmissions leave the queue. Updates bigger
     * than {@code frameBudgetBytes} (a whole empty frame) can never be sent and are dropped.
     */
    public List<GossipMessage> take(int budgetBytes, int frameBudgetBytes, int limit) {
        if (items.isEmpty() || budgetBytes <= 2) {
            return List.of();
        }
        List<Item> picked = null;
        List<Item> oversized = null;
        int remaining = budgetBytes;
        int scanned = 0;
        for (Item item : items) {
            if (++scanned > MAX_SCAN) {
                break; // a long queue under churn: the rest waits for the next frame
            }
            if (item.bytes > frameBudgetBytes) {
                if (oversized == null) {
                    oversized = new ArrayList<>(1);
                }
                oversized.add(item);
                continue;
            }
            if (item.bytes <= remaining) {
                if (picked == null) {
                    picked = new ArrayList<>(4);
                }
                picked.add(item);
                remaining -= item.bytes;
                if (remaining < MIN_MESSAGE_BYTES) {
                    break;
                }
            }
        }
        if (oversized != null) {
            for (Item item : oversized) {
                items.remove(item);
                forget(item);
                dropped++;
            }
        }
        if (picked == null) {
            return List.of();
        }
        List<GossipMessage> out = new ArrayList<>(picked.size());
        for (Item item : picked) {
            items.remove(item);
            item.transmits++;
            out.add(item.message);
            if (item.transmits >= limit * item.limitScale) {
                forget(item);
            } else {
                items.add(item);
            }
        }
        return out;
    }

    private void forget(Item item) {
        if (item.subject != NO_SUBJECT && bySubject.get(item.subject) == item) {
            bySubject.remove(item.subject);
        }
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Updates dropped because the queue overflowed or they could never fit a frame. */
    public long dropped() {
        return dropped;
    }

    /** Transmissions so far of the queued update about {@code subject}; -1 when none is queued. */
    public int transmitsOf(int subject) {
        Item item = bySubject.get(subject);
        return item == null ? -1 : item.transmits;
    }

    /** Open addressing from subject (≥ 0) to its queued item, backward-shift deletion. */
    private static final class SubjectIndex {
        private static final int EMPTY = -1;
        private int[] keys = emptyKeys(16);
        private Item[] items = new Item[16];
        private int size;

        private static int[] emptyKeys(int length) {
            int[] k = new int[length];
            Arrays.fill(k, EMPTY);
            return k;
        }

        private int find(int subject) {
            int mask = keys.length - 1;
            int i = mix(subject) & mask;
            while (keys[i] != EMPTY && keys[i] != subject) {
                i = (i + 1) & mask;
            }
            return i;
        }

        Item get(int subject) {
            int i = find(subject);
            return keys[i] == subject ? items[i] : null;
        }

        void put(int subject, Item item) {
            int i = find(subject);
            if (keys[i] != subject) {
                if ((size + 1) * 2 > keys.length) {
                    grow();
                    i = find(subject);
                }
                keys[i] = subject;
                size++;
            }
            items[i] = item;
        }

        Item remove(int subject) {
            int i = find(subject);
            if (keys[i] != subject) {
                return null;
            }
            Item removed = items[i];
            int mask = keys.length - 1;
            keys[i] = EMPTY;
            items[i] = null;
            size--;
            int j = i;
            while (true) {
                j = (j + 1) & mask;
                if (keys[j] == EMPTY) {
                    return removed;
                }
                int home = mix(keys[j]) & mask;
                boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
                if (movable) {
                    keys[i] = keys[j];
                    items[i] = items[j];
                    keys[j] = EMPTY;
                    items[j] = null;
                    i = j;
                }
            }
        }

        private void grow() {
            int[] oldKeys = keys;
            Item[] oldItems = items;
            keys = emptyKeys(oldKeys.length * 2);
            items = new Item[keys.length];
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != EMPTY) {
                    int i = find(oldKeys[j]);
                    keys[i] = oldKeys[j];
                    items[i] = oldItems[j];
                }
            }
        }

        private static int mix(int x) {
            int h = x * 0x9E3779B9;
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            return h ^ (h >>> 13);
        }
    }
}
