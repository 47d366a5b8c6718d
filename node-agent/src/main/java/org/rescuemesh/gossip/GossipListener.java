package org.rescuemesh.gossip;

import org.rescuemesh.proto.v1.MemberState;

/** Told of every change of a member's status, incarnation or state, on the protocol thread. */
@FunctionalInterface
public interface GossipListener {

    /**
     * @param previous what was known before (null when the member is new)
     * @param current  what is known now
     * @param nowMs    the core's clock at the change
     */
    void memberChanged(MemberState previous, MemberState current, long nowMs);
}
