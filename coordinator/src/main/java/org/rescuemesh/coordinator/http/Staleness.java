package org.rescuemesh.coordinator.http;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.rescuemesh.agent.api.StateJson;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * Agency assets have no membership protocol telling when they are gone, so their status follows
 * the age of their last observation: {@code alive} while younger than the stale time, then
 * {@code suspect} (with {@code "stale": true}). Mesh nodes keep the status gossip gives them.
 */
public record Staleness(Duration assetStaleAfter) {

    public static final Duration DEFAULT = Duration.ofMinutes(5);

    public NodeStatus statusOf(NodeState s, long nowMs) {
        if (s.getKind() == NodeKind.NODE_KIND_ASSET && isStale(s, nowMs)) {
            return NodeStatus.NODE_STATUS_SUSPECT;
        }
        return s.getStatus();
    }

    public boolean isStale(NodeState s, long nowMs) {
        if (s.getKind() != NodeKind.NODE_KIND_ASSET) {
            return false;
        }
        long seen = s.hasPosition() && s.getPosition().hasObservedAt()
                ? Timestamps.toMillis(s.getPosition().getObservedAt()) : Timestamps.toMillis(s.getUpdatedAt());
        return nowMs - seen > assetStaleAfter.toMillis();
    }

    /** The node object of the REST contract with the status as of {@code nowMs} and a {@code stale} flag. */
    public JsonObject json(NodeState s, long nowMs) {
        return StateJson.node(s, statusOf(s, nowMs)).put("stale", isStale(s, nowMs));
    }
}
