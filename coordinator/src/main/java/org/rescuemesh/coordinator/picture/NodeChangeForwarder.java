package org.rescuemesh.coordinator.picture;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryMergedListener;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.rescuemesh.proto.v1.NodeState;

/**
 * Passes node changes on to one listener, each node's versions in increasing order only: the
 * {@link NodeChanges} messages of two writes of one node can arrive in either order (different
 * publishing threads or members), and an older state must never follow a newer one on a live
 * feed. Also receives the node entries a split-brain merge wrote (the only node writes without a
 * message).
 */
final class NodeChangeForwarder implements EntryMergedListener<String, byte[]> {

    private final Consumer<NodeState> target;
    private final java.util.function.LongConsumer missedTarget;
    /** node id → version last passed on. */
    private final ConcurrentHashMap<String, Long> forwarded = new ConcurrentHashMap<>();
    /** Changes dropped on their way here and not yet told to the target. */
    private final java.util.concurrent.atomic.AtomicLong missed = new java.util.concurrent.atomic.AtomicLong();

    NodeChangeForwarder(Consumer<NodeState> target) {
        this(target, n -> { });
    }

    NodeChangeForwarder(Consumer<NodeState> target, java.util.function.LongConsumer missedTarget) {
        this.target = target;
        this.missedTarget = missedTarget;
    }

    /** Notes {@code count} changes that were dropped before reaching this forwarder. */
    void missed(long count) {
        missed.addAndGet(count);
    }

    /** The dropped changes noted so far, now to be told with the next message (which the caller queues). */
    long takeMissed() {
        // read first: a write per message from every ingest thread would bounce the cache line
        return missed.get() == 0 ? 0 : missed.getAndSet(0);
    }

    /** Tells the target of {@code missedBefore} dropped changes (if any), then passes on every change of a message. */
    void accept(NodeChanges changes, long missedBefore) {
        if (missedBefore > 0) {
            missedTarget.accept(missedBefore);
        }
        accept(changes);
    }

    /** Every change of a message, in its order. */
    void accept(NodeChanges changes) {
        for (int i = 0; i < changes.size(); i++) {
            NodeState parsed = changes.parsed(i);
            if (parsed != null) {
                accept(changes.version(i), parsed);
            } else {
                accept(changes.version(i), changes.state(i), 0);
            }
        }
    }

    @Override
    public void entryMerged(EntryEvent<String, byte[]> event) {
        byte[] v = event.getValue();
        if (VersionedValue.readable(v)) {
            accept(VersionedValue.version(v), v, VersionedValue.HEADER);
        }
    }

    /** Passes on the NodeState serialized in {@code bytes} from {@code offset} unless its node was passed on at {@code version} or later. */
    void accept(long version, byte[] bytes, int offset) {
        HazelcastPictureStore.decode(bytes, offset).ifPresent(state -> accept(version, state));
    }

    private void accept(long version, NodeState state) {
        boolean[] newer = {false};
        forwarded.compute(state.getNodeId(), (k, had) -> {
            if (had == null || version > had) {
                newer[0] = true;
                return version;
            }
            return had;
        });
        if (newer[0]) {
            target.accept(state);
        }
    }
}
