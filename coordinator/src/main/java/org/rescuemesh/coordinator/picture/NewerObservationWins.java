package org.rescuemesh.coordinator.picture;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import com.hazelcast.map.EntryProcessor;
import java.util.Map;
import org.rescuemesh.proto.v1.NodeState;

/**
 * Runs on the partition owner: keeps the observation with the latest position time, so a late
 * or replayed report never rolls a node back, and an identical report is a no-op.
 */
final class NewerObservationWins implements EntryProcessor<String, byte[], String> {

    private static final long serialVersionUID = 1L;
    private final byte[] candidate;

    NewerObservationWins(byte[] candidate) {
        this.candidate = candidate;
    }

    @Override
    public String process(Map.Entry<String, byte[]> entry) {
        byte[] current = entry.getValue();
        if (current != null) {
            try {
                long have = observedMs(NodeState.parseFrom(current));
                long offered = observedMs(NodeState.parseFrom(candidate));
                if (offered == have) {
                    return PictureStore.AssetWrite.DUPLICATE.name();
                }
                if (offered < have) {
                    return PictureStore.AssetWrite.OLDER.name();
                }
            } catch (InvalidProtocolBufferException e) {
                // A stored value we cannot read is replaced by a readable one.
            }
        }
        entry.setValue(candidate);
        return PictureStore.AssetWrite.STORED.name();
    }

    private static long observedMs(NodeState s) {
        return s.hasPosition() && s.getPosition().hasObservedAt()
                ? Timestamps.toMillis(s.getPosition().getObservedAt())
                : Timestamps.toMillis(s.getUpdatedAt());
    }
}
