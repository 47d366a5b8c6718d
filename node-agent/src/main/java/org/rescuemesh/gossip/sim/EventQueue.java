package org.rescuemesh.gossip.sim;

import java.util.Arrays;

/**
 * Calendar queue of simulator events in whole virtual milliseconds: one FIFO bucket per
 * millisecond for the next {@link #WINDOW} ms (push and pop in O(1); most events — deliveries
 * after a few ms, probe and gossip ticks within a second — land here) and a binary heap for
 * anything further ahead. Events of the same millisecond come out in insertion order, so runs
 * are reproducible.
 */
final class EventQueue {

    static final byte TICK = 0;
    static final byte DELIVER = 1;
    static final byte ACTION = 2;

    private static final int WINDOW = 4096;
    private static final int MASK = WINDOW - 1;

    private static final class Bucket {
        int[] node = new int[16];
        int[] from = new int[16];
        byte[] kind = new byte[16];
        Object[] payload = new Object[16];
        int head;
        int size;

        void add(byte k, int n, int f, Object p) {
            if (size == node.length) {
                int cap = size * 2;
                node = Arrays.copyOf(node, cap);
                from = Arrays.copyOf(from, cap);
                kind = Arrays.copyOf(kind, cap);
                payload = Arrays.copyOf(payload, cap);
            }
            node[size] = n;
            from[size] = f;
            kind[size] = k;
            payload[size] = p;
            size++;
        }
    }

    private final Bucket[] buckets = new Bucket[WINDOW];
    private final EventHeap far = new EventHeap();
    /** The millisecond whose bucket is being drained; nothing earlier is pending. */
    private long cursor;
    private long near;

    long topTime;
    int topNode;
    int topFrom;
    byte topKind;
    Object topPayload;

    EventQueue() {
        for (int i = 0; i < WINDOW; i++) {
            buckets[i] = new Bucket();
        }
    }

    void push(long t, byte k, int n, int f, Object p) {
        if (t < cursor) {
            throw new IllegalArgumentException("event at " + t + " ms is before the clock (" + cursor + " ms)");
        }
        if (t - cursor < WINDOW) {
            buckets[(int) (t & MASK)].add(k, n, f, p);
            near++;
        } else {
            far.push(t, k, n, f, p);
        }
    }

    boolean isEmpty() {
        return near == 0 && far.isEmpty();
    }

    /** Time of the next event; only valid when not empty. */
    long peekTime() {
        advance();
        return cursor;
    }

    /**
     * Whether an event due at {@code t} is pending, {@code t} being the current millisecond.
     * Unlike {@link #peekTime()} this never moves the clock on to a later millisecond, so events
     * may still be pushed at {@code t} and after.
     */
    boolean hasEventAt(long t) {
        if (t != cursor) {
            return false;
        }
        Bucket b = buckets[(int) (t & MASK)];
        return b.head < b.size;
    }

    /** Kind of the next event; only valid when not empty. */
    byte peekKind() {
        advance();
        Bucket b = buckets[(int) (cursor & MASK)];
        return b.kind[b.head];
    }

    void pop() {
        advance();
        Bucket b = buckets[(int) (cursor & MASK)];
        int i = b.head++;
        topTime = cursor;
        topNode = b.node[i];
        topFrom = b.from[i];
        topKind = b.kind[i];
        topPayload = b.payload[i];
        b.payload[i] = null;
        near--;
        if (b.head == b.size) {
            b.head = 0;
            b.size = 0;
        }
    }

    /** Moves the cursor to the first non-empty millisecond, pulling due far events in. */
    private void advance() {
        while (true) {
            // far events that entered the window go to their bucket, behind anything already there
            while (!far.isEmpty() && far.peekTime() - cursor < WINDOW) {
                far.pop();
                buckets[(int) (far.topTime & MASK)].add(far.topKind, far.topNode, far.topFrom, far.topPayload);
                near++;
            }
            Bucket b = buckets[(int) (cursor & MASK)];
            if (b.head < b.size) {
                return;
            }
            if (near == 0) {
                if (far.isEmpty()) {
                    return;
                }
                cursor = far.peekTime();
            } else {
                cursor++;
            }
        }
    }

    int size() {
        return (int) near + far.size();
    }
}
