package org.rescuemesh.coordinator.picture;

import java.util.Map;

/**
 * The rule of recording a group of observations of one asset on its node entry (run by
 * {@link RecordObservationBatch} on the partition owner and on each backup): the
 * node keeps the newest observation (a late or replayed report never rolls it back) and every
 * observation that is not the stored latest one gets a track slot sequence number.
 *
 * <p>Result: {@code [write, seq0, seq1, …]} where {@code write} is the ordinal of
 * {@link PictureStore.AssetWrite} for the newest observation of the group and {@code seqI} is the
 * track sequence of observation {@code I}, or -1 for an exact repeat of the stored latest.
 */
final class RecordObservations {

    private RecordObservations() {
    }

    static long[] apply(Map.Entry<String, byte[]> entry, long[] observedMs, int newest, byte[] newestState) {
        byte[] current = entry.getValue();
        boolean have = VersionedValue.readable(current);
        long storedMs = have ? VersionedValue.version(current) : Long.MIN_VALUE;
        long head = have ? VersionedValue.counter(current) : 0;
        long[] out = new long[observedMs.length + 1];
        for (int i = 0; i < observedMs.length; i++) {
            out[i + 1] = observedMs[i] == storedMs ? -1 : head++;
        }
        long candidate = observedMs[newest];
        PictureStore.AssetWrite write;
        if (candidate > storedMs) {
            write = PictureStore.AssetWrite.STORED;
            entry.setValue(VersionedValue.encode(candidate, head, newestState));
        } else {
            write = candidate == storedMs ? PictureStore.AssetWrite.DUPLICATE : PictureStore.AssetWrite.OLDER;
            if (head != (have ? VersionedValue.counter(current) : 0)) {
                entry.setValue(VersionedValue.encode(storedMs, head, VersionedValue.payload(current)));
            }
        }
        out[0] = write.ordinal();
        return out;
    }
}
