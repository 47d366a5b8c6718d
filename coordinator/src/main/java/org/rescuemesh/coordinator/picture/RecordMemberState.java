package org.rescuemesh.coordinator.picture;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import com.hazelcast.map.EntryProcessor;
import java.util.Map;
import org.rescuemesh.proto.v1.NodeState;

/**
 * Stores what gossip says about a member (last write wins: the status may change without a new
 * report). Result: {@code [version stored, 1 when the state carries a position fix the stored one
 * did not (the caller then adds it to the member's track), else 0]}.
 */
final class RecordMemberState implements EntryProcessor<String, byte[], long[]> {

    private static final long serialVersionUID = 1L;
    private final byte[] state;
    private final long writtenMs;

    RecordMemberState(byte[] state, long writtenMs) {
        this.state = state;
        this.writtenMs = writtenMs;
    }

    @Override
    public long[] process(Map.Entry<String, byte[]> entry) {
        byte[] current = entry.getValue();
        boolean have = VersionedValue.readable(current);
        long version = have ? Math.max(VersionedValue.version(current) + 1, writtenMs) : writtenMs;
        long fix = fixMs(state);
        boolean newFix = fix != Long.MIN_VALUE && (!have || fixMs(VersionedValue.payload(current)) != fix);
        entry.setValue(VersionedValue.encode(version, 0, state));
        return new long[]{version, newFix ? 1 : 0};
    }

    static long fixMs(byte[] stateBytes) {
        try {
            NodeState s = NodeState.parseFrom(stateBytes);
            return s.hasPosition() && s.getPosition().hasObservedAt()
                    ? Timestamps.toMillis(s.getPosition().getObservedAt()) : Long.MIN_VALUE;
        } catch (InvalidProtocolBufferException e) {
            return Long.MIN_VALUE;
        }
    }
}
