package org.rescuemesh.agent.api;

import com.google.protobuf.ByteString;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.rescuemesh.agent.relay.Destination;
import org.rescuemesh.agent.relay.RelayConfig;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.RelayMessage;

/**
 * The body of {@code POST /api/v1/messages}, checked field by field into a draft
 * {@link RelayMessage} (the relay core adds origin, creation time and hop budget).
 */
final class MessageRequest {

    private static final Set<String> FIELDS = Set.of("to", "text", "priority", "lifetimeS", "position", "attachment");

    /** A field that is missing, of the wrong type or out of range. */
    static final class Invalid extends Exception {
        final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private MessageRequest() {
    }

    static RelayMessage parse(JsonObject body) throws Invalid {
        for (String k : body.fieldNames()) {
            if (!FIELDS.contains(k)) {
                throw new Invalid(k, "unknown field '" + k + "'; fields are " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        RelayMessage.Builder m = RelayMessage.newBuilder().setMessageId(UUID.randomUUID().toString());

        Object to = body.getValue("to");
        if (!(to instanceof String toText)) {
            throw new Invalid("to", "'to' is required: node:ID, team:NAME, coordinator or broadcast");
        }
        try {
            m.setTo(Destination.parse(toText).toString());
        } catch (IllegalArgumentException e) {
            throw new Invalid("to", e.getMessage());
        }

        Object text = body.getValue("text");
        if (text != null) {
            if (!(text instanceof String t)) {
                throw new Invalid("text", "'text' must be a string");
            }
            int bytes = t.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > RelayConfig.MAX_TEXT_BYTES) {
                throw new Invalid("text", "'text' is " + bytes + " bytes of UTF-8; at most " + RelayConfig.MAX_TEXT_BYTES);
            }
            m.setText(t);
        }

        Object priority = body.getValue("priority");
        if (priority != null && !(priority instanceof String)) {
            throw new Invalid("priority", "'priority' must be a string: sos, urgent or routine");
        }
        m.setPriority(priority == null ? MessagePriority.MESSAGE_PRIORITY_ROUTINE : switch ((String) priority) {
            case "sos" -> MessagePriority.MESSAGE_PRIORITY_SOS;
            case "urgent" -> MessagePriority.MESSAGE_PRIORITY_URGENT;
            case "routine" -> MessagePriority.MESSAGE_PRIORITY_ROUTINE;
            default -> throw new Invalid("priority", "'priority' must be sos, urgent or routine, not '" + priority + "'");
        });

        Object lifetime = body.getValue("lifetimeS");
        if (lifetime == null) {
            m.setLifetimeS(RelayConfig.DEFAULT_LIFETIME_S);
        } else {
            if (!(lifetime instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.doubleValue() < 1 || n.doubleValue() > RelayConfig.MAX_LIFETIME_S) {
                throw new Invalid("lifetimeS", "'lifetimeS' must be a whole number of seconds 1.."
                        + RelayConfig.MAX_LIFETIME_S + " (7 days), not " + lifetime);
            }
            m.setLifetimeS(n.intValue());
        }

        Object position = body.getValue("position");
        if (position != null) {
            if (!(position instanceof JsonObject p) || !(p.getValue("lat") instanceof Number lat)
                    || !(p.getValue("lon") instanceof Number lon) || p.size() != 2) {
                throw new Invalid("position", "'position' must be {\"lat\": number, \"lon\": number}");
            }
            if (!(Math.abs(lat.doubleValue()) <= 90) || !(Math.abs(lon.doubleValue()) <= 180)) {
                throw new Invalid("position", "'position' needs lat -90..90 and lon -180..180");
            }
            m.setPosition(GeoPosition.newBuilder().setLatDeg(lat.doubleValue()).setLonDeg(lon.doubleValue()));
        }

        Object attachment = body.getValue("attachment");
        if (attachment != null) {
            if (!(attachment instanceof String a)) {
                throw new Invalid("attachment", "'attachment' must be a base64 string");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(a);
            } catch (IllegalArgumentException e) {
                throw new Invalid("attachment", "'attachment' is not valid base64: " + e.getMessage());
            }
            if (bytes.length > RelayConfig.MAX_ATTACHMENT_BYTES) {
                throw new Invalid("attachment", "'attachment' is " + bytes.length + " bytes; at most "
                        + RelayConfig.MAX_ATTACHMENT_BYTES + " (64 KiB)");
            }
            m.setAttachment(ByteString.copyFrom(bytes));
        }
        if (m.getText().isEmpty() && !m.hasPosition() && m.getAttachment().isEmpty()) {
            throw new Invalid("text", "a message needs text, a position or an attachment");
        }
        return m.build();
    }
}
