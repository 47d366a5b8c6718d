package org.rescuemesh.gossip;

import java.util.random.RandomGenerator;

/**
 * Randomised round-robin over member slots without storing a shuffled list: each pass walks
 * slot = (offset + stride·i) mod m for a random stride coprime with m, which visits every slot
 * exactly once per pass in a fresh order. Round-robin bounds the time to first probe of a failed
 * member to one pass (SWIM's 2n−1 periods worst case); memory stays O(1) per node, which matters
 * for 10,000 simulated nodes.
 */
public final class ProbeOrder {

    private final RandomGenerator random;
    private int modulus;
    private int stride;
    private int offset;
    private int index;

    public ProbeOrder(RandomGenerator random) {
        this.random = random;
    }

    /** The next slot of the current pass over {@code slots} slots, starting a new pass when due. */
    public int next(int slots) {
        if (slots <= 0) {
            return -1;
        }
        if (modulus != slots || index >= modulus) {
            newPass(slots);
        }
        int slot = (int) ((offset + (long) stride * index) % modulus);
        index++;
        return slot;
    }

    private void newPass(int slots) {
        modulus = slots;
        index = 0;
        offset = random.nextInt(slots);
        if (slots == 1) {
            stride = 1;
            return;
        }
        int s;
        do {
            s = 1 + random.nextInt(slots - 1);
        } while (gcd(s, slots) != 1);
        stride = s;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
