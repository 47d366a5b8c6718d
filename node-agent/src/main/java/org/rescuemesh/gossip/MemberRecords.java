package org.rescuemesh.gossip;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.rescuemesh.proto.v1.Alive;
import org.rescuemesh.proto.v1.MemberState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * Builds the member records a node derives from news (an Alive becomes an alive record; a
 * suspicion or death changes the status and incarnation of a known record) and hands back an
 * equal record built earlier for the same member when there is one. Records are immutable
 * protobuf messages, so the 10,000 simulated nodes that hear the same news can share one object
 * instead of holding 10,000 copies — under 30 % loss thousands of suspicions and refutations
 * sweep through every member table, which otherwise does not fit in a heap. A real agent has its
 * own instance: it changes nothing there but a few allocations.
 *
 * <p>One record is remembered per slot. Instances may be shared between threads (the
 * simulator's workers): records are published through an {@link AtomicReferenceArray}, and a
 * lost race only costs a copy — what a node holds is equal either way.
 */
public final class MemberRecords {

    private final boolean growable;
    private volatile AtomicReferenceArray<MemberState> bySlot;

    /** For one node: grows with the slots it meets (single thread). */
    public MemberRecords() {
        this.growable = true;
        this.bySlot = new AtomicReferenceArray<>(16);
    }

    /** For nodes sharing one {@link NodeIdIndex} of {@code slots} ids, possibly on several threads. */
    public MemberRecords(int slots) {
        this.growable = false;
        this.bySlot = new AtomicReferenceArray<>(Math.max(1, slots));
    }

    /** {@code known} with another status and incarnation. */
    public MemberState withStatus(int slot, MemberState known, long incarnation, NodeStatus status) {
        MemberState last = recalled(slot);
        if (last != null && last.getIncarnation() == incarnation && last.getStatus() == status
                && sameMember(last, known.getNodeId(), known.getAddr())
                && sameState(last, known.hasState(), known.getState())) {
            return last;
        }
        return remember(slot, known.toBuilder().setIncarnation(incarnation).setStatus(status).build());
    }

    /** The alive record an Alive message announces. */
    public MemberState alive(int slot, Alive alive) {
        MemberState last = recalled(slot);
        if (last != null && last.getIncarnation() == alive.getIncarnation()
                && last.getStatus() == NodeStatus.NODE_STATUS_ALIVE
                && sameMember(last, alive.getNodeId(), alive.getAddr())
                && sameState(last, true, alive.getState())) {
            return last;
        }
        return remember(slot, MemberState.newBuilder()
                .setNodeId(alive.getNodeId())
                .setAddr(alive.getAddr())
                .setIncarnation(alive.getIncarnation())
                .setStatus(NodeStatus.NODE_STATUS_ALIVE)
                .setState(alive.getState())
                .build());
    }

    private static boolean sameMember(MemberState r, String id, String addr) {
        return r.getNodeId().equals(id) && r.getAddr().equals(addr);
    }

    private static boolean sameState(MemberState r, boolean hasState, Object state) {
        return r.hasState() == hasState && (r.getState() == state || r.getState().equals(state));
    }

    private MemberState recalled(int slot) {
        AtomicReferenceArray<MemberState> a = bySlot;
        return slot >= 0 && slot < a.length() ? a.get(slot) : null;
    }

    private MemberState remember(int slot, MemberState record) {
        AtomicReferenceArray<MemberState> a = bySlot;
        if (slot >= a.length()) {
            if (!growable) {
                return record;
            }
            AtomicReferenceArray<MemberState> bigger = new AtomicReferenceArray<>(Math.max(slot + 1, a.length() * 2));
            for (int i = 0; i < a.length(); i++) {
                bigger.set(i, a.get(i));
            }
            bySlot = bigger;
            a = bigger;
        }
        a.set(slot, record);
        return record;
    }
}
