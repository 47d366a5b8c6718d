package org.rescuemesh.planner.relay;

import java.util.BitSet;
import org.rescuemesh.planner.coverage.SampleCells;

/**
 * Cell sets as raw {@code long[]} words, so the greedy loop's "area newly covered" is a tight
 * loop over words without allocation.
 */
final class CellBits {

    private CellBits() {
    }

    static long[] of(BitSet set, int cells) {
        long[] words = new long[(cells + 63) >>> 6];
        long[] given = set.toLongArray();
        System.arraycopy(given, 0, words, 0, Math.min(given.length, words.length));
        return words;
    }

    /** Sum of the areas of the cells over cells in {@code candidate} and not in {@code covered}. */
    static double newArea(long[] candidate, long[] covered, SampleCells cells) {
        double sum = 0;
        for (int w = 0; w < candidate.length; w++) {
            long fresh = candidate[w] & ~covered[w];
            while (fresh != 0) {
                int bit = Long.numberOfTrailingZeros(fresh);
                sum += cells.areaM2((w << 6) + bit);
                fresh &= fresh - 1;
            }
        }
        return sum;
    }

    /** Area of the cells in {@code a} or {@code b} and not in {@code covered}. */
    static double newAreaOfUnion(long[] a, long[] b, long[] covered, SampleCells cells) {
        double sum = 0;
        for (int w = 0; w < a.length; w++) {
            long fresh = (a[w] | b[w]) & ~covered[w];
            while (fresh != 0) {
                int bit = Long.numberOfTrailingZeros(fresh);
                sum += cells.areaM2((w << 6) + bit);
                fresh &= fresh - 1;
            }
        }
        return sum;
    }

    static void addAll(long[] target, long[] source) {
        for (int w = 0; w < target.length; w++) {
            target[w] |= source[w];
        }
    }

    static double area(long[] set, SampleCells cells) {
        return newArea(set, new long[set.length], cells);
    }
}
