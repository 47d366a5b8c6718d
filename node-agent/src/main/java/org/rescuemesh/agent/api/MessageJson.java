package org.rescuemesh.agent.api;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import org.rescuemesh.agent.relay.StoredMessage;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.MessageState;
import org.rescuemesh.proto.v1.RelayMessage;
import org.rescuemesh.proto.v1.RelayReceipt;

/** JSON of stored messages for the local API. */
final class MessageJson {

    private MessageJson() {
    }

    static String state(MessageState s) {
        return s.name().substring("MESSAGE_STATE_".length()).toLowerCase(Locale.ROOT);
    }

    static String priority(MessagePriority p) {
        return p == MessagePriority.MESSAGE_PRIORITY_UNSPECIFIED || p == MessagePriority.UNRECOGNIZED ? "routine"
                : p.name().substring("MESSAGE_PRIORITY_".length()).toLowerCase(Locale.ROOT);
    }

    /** Status and content; {@code withAttachment} adds the attachment as base64. */
    static JsonObject message(StoredMessage s, long nowMs, boolean withAttachment) {
        RelayMessage m = s.message();
        JsonObject o = new JsonObject()
                .put("id", s.id())
                .put("state", state(s.state(nowMs)))
                .put("direction", s.origin() ? "out" : s.inbound() ? "in" : "carried")
                .put("from", m.getFromId())
                .put("to", m.getTo())
                .put("priority", priority(m.getPriority()))
                .put("text", m.getText())
                .put("createdAt", Instant.ofEpochMilli(Timestamps.toMillis(m.getCreatedAt())).toString())
                .put("expiresAt", Instant.ofEpochMilli(s.expiresAtMs()).toString())
                .put("lifetimeS", m.getLifetimeS())
                .put("hopsLeft", m.getHopsLeft())
                .put("path", new JsonArray(m.getPathList()))
                .put("attachmentBytes", m.getAttachment().size());
        if (!s.origin()) {
            o.put("receivedFrom", s.receivedFrom()).put("receivedAt", Instant.ofEpochMilli(s.receivedAtMs()).toString());
        }
        if (m.hasPosition()) {
            o.put("position", new JsonObject().put("lat", m.getPosition().getLatDeg()).put("lon", m.getPosition().getLonDeg()));
        }
        if (withAttachment && !m.getAttachment().isEmpty()) {
            o.put("attachment", Base64.getEncoder().encodeToString(m.getAttachment().toByteArray()));
        }
        JsonArray receipts = new JsonArray();
        for (RelayReceipt r : s.receipts()) {
            receipts.add(new JsonObject().put("by", r.getById()).put("state", state(r.getState()))
                    .put("at", Instant.ofEpochMilli(Timestamps.toMillis(r.getAt())).toString()));
        }
        return o.put("receipts", receipts);
    }
}
