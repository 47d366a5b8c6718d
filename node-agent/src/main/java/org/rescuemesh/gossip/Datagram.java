package org.rescuemesh.gossip;

import org.rescuemesh.proto.v1.Envelope;

/**
 * One outbound frame produced by the core.
 *
 * @param address "host:port" of the destination's gossip endpoint
 * @param envelope what to send
 * @param stream  true for full-state transfers that go over TCP (push-pull), false for UDP
 */
public record Datagram(String address, Envelope envelope, boolean stream) {
}
