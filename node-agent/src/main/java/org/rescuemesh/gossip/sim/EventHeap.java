package org.rescuemesh.gossip.sim;

import java.util.Arrays;

/**
 * Binary min-heap of simulator events (the far future of {@link EventQueue}) on parallel primitive arrays (no object per event besides
 * the payload): ordered by virtual time, then by insertion so equal times stay FIFO and runs are
 * reproducible.
 */
final class EventHeap {

    private long[] time = new long[1024];
    private long[] order = new long[1024];
    private int[] node = new int[1024];
    private int[] from = new int[1024];
    private byte[] kind = new byte[1024];
    private Object[] payload = new Object[1024];
    private int size;
    private long nextOrder;

    // the popped event
    long topTime;
    int topNode;
    int topFrom;
    byte topKind;
    Object topPayload;

    void push(long t, byte k, int n, int f, Object p) {
        if (size == time.length) {
            int cap = size * 2;
            time = Arrays.copyOf(time, cap);
            order = Arrays.copyOf(order, cap);
            node = Arrays.copyOf(node, cap);
            from = Arrays.copyOf(from, cap);
            kind = Arrays.copyOf(kind, cap);
            payload = Arrays.copyOf(payload, cap);
        }
        int i = size++;
        long o = nextOrder++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (time[parent] < t || (time[parent] == t && order[parent] < o)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        time[i] = t;
        order[i] = o;
        node[i] = n;
        from[i] = f;
        kind[i] = k;
        payload[i] = p;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long peekTime() {
        return time[0];
    }

    void pop() {
        topTime = time[0];
        topNode = node[0];
        topFrom = from[0];
        topKind = kind[0];
        topPayload = payload[0];
        int last = --size;
        long t = time[last];
        long o = order[last];
        int n = node[last];
        int f = from[last];
        byte k = kind[last];
        Object p = payload[last];
        payload[last] = null;
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && (time[right] < time[child]
                    || (time[right] == time[child] && order[right] < order[child]))) {
                child = right;
            }
            if (t < time[child] || (t == time[child] && o < order[child])) {
                break;
            }
            move(child, i);
            i = child;
        }
        if (size > 0) {
            time[i] = t;
            order[i] = o;
            node[i] = n;
            from[i] = f;
            kind[i] = k;
            payload[i] = p;
        }
    }

    private void move(int src, int dst) {
        time[dst] = time[src];
        order[dst] = order[src];
        node[dst] = node[src];
        from[dst] = from[src];
        kind[dst] = kind[src];
        payload[dst] = payload[src];
    }

    int size() {
        return size;
    }
}
