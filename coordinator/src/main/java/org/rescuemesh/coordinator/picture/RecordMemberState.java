package org.rescuemesh.coordinator.picture;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import com.hazelcast.map.EntryProcessor;
import java.util.Map;
import org.rescuemesh.proto.v1.NodeState;

/**
 * Stores what gossip says about a member (last write wins: the status may change without a new
 * report) and reserves a track slot when its position fix is new. Result: the track sequence
 * for the fix, or -1 when there is no new fix.
 */
final class RecordMemberState implements EntryProcessor<String, byte[], Long> {

    private static final long serialVersionUID = 1L;
    private final byte[] state;
    private final long writtenMs;

    RecordMemberState(byte[] state, long writtenMs) {
        this.state = state;
        this.writtenMs = writtenMs;
    }

    @Override
    public Long process(Map.Entry<String, byte[]> entry) {
        byte[] current = entry.getValue();
        boolean have = VersionedValue.readable(current);
        long head = have ? VersionedValue.counter(current) : 0;
        long version = have ? Math.max(VersionedValue.version(current) + 1, writtenMs) : writtenMs;
        long seq = -1;
        long fix = fixMs(state);
        if (fix != Long.MIN_VALUE && (!have || fixMs(VersionedValue.payload(current)) != fix)) {
            seq = head++;
        }
        entry.setValue(VersionedValue.encode(version, head, state));
        return seq;
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
