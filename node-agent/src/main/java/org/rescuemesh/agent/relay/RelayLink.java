package org.rescuemesh.agent.relay;

import java.util.List;
import org.rescuemesh.proto.v1.GossipMessage;

/** Where relay traffic leaves the node: one frame of messages to one member (the gossip transport). */
@FunctionalInterface
public interface RelayLink {
    void send(String memberId, List<GossipMessage> frame);
}
