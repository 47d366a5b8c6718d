package org.rescuemesh.coordinator.picture;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * Split-brain merge of the picture: when two halves of a partitioned cluster meet again, each
 * key keeps the value with the latest version (latest observation for nodes) and the larger
 * counter. Track segments have unique keys and never change, so both halves' segments are kept.
 *
 * <p>Why not Hazelcast's {@code LatestUpdateMergePolicy}: it compares the time an entry was last
 * written on a member, which is not the time the position was observed (a late batch replayed
 * on one side would win over a fresher fix on the other) and it depends on member clocks. The
 * version is carried in the value itself, so this policy is deterministic.
 */
public final class LatestVersionMergePolicy implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {

    @Override
    public Object merge(MergingValue<Object> incoming, MergingValue<Object> existing) {
        if (existing == null) {
            return incoming.getRawValue();
        }
        Object in = incoming.getValue();
        Object have = existing.getValue();
        if (in instanceof byte[] a && have instanceof byte[] b) {
            byte[] merged = VersionedValue.merge(b, a);
            return merged == b ? existing.getRawValue() : merged;
        }
        return existing.getRawValue();
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // Stateless.
    }

    @Override
    public void readData(ObjectDataInput in) {
        // Stateless.
    }
}
