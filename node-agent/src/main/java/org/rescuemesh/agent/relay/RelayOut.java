package org.rescuemesh.agent.relay;

import org.rescuemesh.proto.v1.GossipMessage;

/** Something the relay core wants sent to one member (a message copy or a receipt). */
public record RelayOut(String peerId, GossipMessage message) {
}
