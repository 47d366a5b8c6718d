package org.rescuemesh.agent.relay;

import java.nio.charset.StandardCharsets;
import org.rescuemesh.agent.NodeIdentity;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.RelayMessage;

/** What a relay message must satisfy, whether it comes from the local API or from the mesh. */
public final class MessageRules {

    private MessageRules() {
    }

    /** @throws IllegalArgumentException naming the first rule the message breaks */
    public static void check(RelayMessage m) {
        String id = m.getMessageId();
        if (id.isEmpty() || id.length() > 64 || !id.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("message_id must be 1..64 printable ASCII characters");
        }
        if (!NodeIdentity.isValid(m.getFromId())) {
            throw new IllegalArgumentException("from_id is not a node id");
        }
        Destination.parse(m.getTo());
        if (m.getText().getBytes(StandardCharsets.UTF_8).length > RelayConfig.MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("text is over " + RelayConfig.MAX_TEXT_BYTES + " bytes of UTF-8");
        }
        if (m.getAttachment().size() > RelayConfig.MAX_ATTACHMENT_BYTES) {
            throw new IllegalArgumentException("attachment is over " + RelayConfig.MAX_ATTACHMENT_BYTES + " bytes");
        }
        if (m.getLifetimeS() < 1 || m.getLifetimeS() > RelayConfig.MAX_LIFETIME_S) {
            throw new IllegalArgumentException("lifetime must be 1.." + RelayConfig.MAX_LIFETIME_S + " s");
        }
        if (m.getPriority() == MessagePriority.MESSAGE_PRIORITY_UNSPECIFIED || m.getPriority() == MessagePriority.UNRECOGNIZED) {
            throw new IllegalArgumentException("priority must be sos, urgent or routine");
        }
        if (!m.hasCreatedAt()) {
            throw new IllegalArgumentException("created_at is required");
        }
        if (m.getPathCount() > 64 || m.getPathList().stream().anyMatch(p -> !NodeIdentity.isValid(p))) {
            throw new IllegalArgumentException("path must be at most 64 node ids");
        }
        if (m.hasPosition() && (!(Math.abs(m.getPosition().getLatDeg()) <= 90) || !(Math.abs(m.getPosition().getLonDeg()) <= 180))) {
            throw new IllegalArgumentException("position must have lat -90..90 and lon -180..180");
        }
    }
}
