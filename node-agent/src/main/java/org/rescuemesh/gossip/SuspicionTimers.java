package org.rescuemesh.gossip;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The running suspicion timers of one node: at most one per member slot, ordered by deadline in
 * an indexed binary heap. A refuted or superseded suspicion leaves the heap at once (a lazy
 * priority queue would keep every refuted timer until its deadline — up to β·min = 96 s at
 * 10,000 members — which under heavy loss is most of a node's memory), and a confirmation that
 * brings the deadline forward re-sorts the timer in place.
 */
final class SuspicionTimers {

    private final Map<Integer, SuspicionTimer> bySlot = new HashMap<>();
    private SuspicionTimer[] heap = new SuspicionTimer[8];
    private int size;

    SuspicionTimer get(int slot) {
        return size == 0 ? null : bySlot.get(slot);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Starts {@code timer}, replacing any timer of the same slot. */
    void start(SuspicionTimer timer) {
        remove(timer.slot());
        bySlot.put(timer.slot(), timer);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = timer;
        timer.heapIndex = size;
        size++;
        siftUp(timer.heapIndex);
    }

    /** Re-sorts {@code timer} after a confirmation moved its deadline earlier. */
    void deadlineMovedEarlier(SuspicionTimer timer) {
        if (timer.heapIndex >= 0 && heap[timer.heapIndex] == timer) {
            siftUp(timer.heapIndex);
        }
    }

    /** Stops the timer of {@code slot}, if any. */
    void remove(int slot) {
        if (size == 0) {
            return;
        }
        SuspicionTimer timer = bySlot.remove(slot);
        if (timer != null) {
            removeAt(timer.heapIndex);
        }
    }

    /** Earliest deadline; Long.MAX_VALUE when no timer runs. */
    long nextDeadlineMs() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadlineMs();
    }

    /** Removes and returns the earliest timer whose deadline is at or before {@code nowMs}; null if none. */
    SuspicionTimer pollExpired(long nowMs) {
        if (size == 0 || heap[0].deadlineMs() > nowMs) {
            return null;
        }
        SuspicionTimer first = heap[0];
        bySlot.remove(first.slot());
        removeAt(0);
        return first;
    }

    private void removeAt(int i) {
        SuspicionTimer removed = heap[i];
        removed.heapIndex = -1;
        size--;
        if (i == size) {
            heap[size] = null;
            return;
        }
        SuspicionTimer last = heap[size];
        heap[size] = null;
        heap[i] = last;
        last.heapIndex = i;
        siftDown(i);
        if (heap[i] == last) {
            siftUp(i);
        }
    }

    private void siftUp(int i) {
        SuspicionTimer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            SuspicionTimer p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i) {
        SuspicionTimer t = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], t)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    /** Deadline order; ties by slot so the order never depends on insertion history. */
    private static boolean before(SuspicionTimer a, SuspicionTimer b) {
        return a.deadlineMs() < b.deadlineMs() || (a.deadlineMs() == b.deadlineMs() && a.slot() < b.slot());
    }
}
