package org.rescuemesh.agent.mesh;

import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * One member as this node sees it.
 *
 * @param id          node id
 * @param status      alive, suspect, dead or left
 * @param incarnation the member's incarnation number (refutation counter)
 * @param addr        gossip address "host:port"
 * @param state       the member's last self-reported state (may be the default instance)
 * @param link        what this node measured on its link to the member; {@link LinkMetrics#UNKNOWN} when never probed
 */
public record MemberView(String id, NodeStatus status, long incarnation, String addr,
                         NodeState state, LinkMetrics link) {
}
