package org.rescuemesh.coordinator.interop.meshtastic;

import com.google.protobuf.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.rescuemesh.coordinator.interop.DistressCall;
import org.rescuemesh.coordinator.interop.SenderClock;
import org.rescuemesh.meshtastic.v2.Data;
import org.rescuemesh.meshtastic.v2.FromRadio;
import org.rescuemesh.meshtastic.v2.MeshPacket;
import org.rescuemesh.meshtastic.v2.PortNum;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.RelayMessage;

/**
 * Text messages heard by the command post's Meshtastic radio (its channels and direct messages
 * to it), as messages to the command post's store: listed with the teams' messages, journaled,
 * kept across restarts. The sender's name leads the text (the store knows senders by id only) and
 * the sender's last known position rides along, so "two injured here" can be placed on the map.
 * Sans-I/O.
 */
public final class MeshtasticTexts {

    /** Kept as long as the teams' own routine messages. */
    static final int LIFETIME_S = 24 * 3_600;
    /** The command post keeps them; they are not carried on into our mesh. */
    static final int HOPS_LEFT = 0;
    private MeshtasticTexts() {
    }

    /** The message a text packet carries, for the command post; empty for any other message. */
    public static Optional<RelayMessage> toMessage(FromRadio message, long receivedAtMs, MeshtasticPositions known) {
        if (!message.hasPacket() || !message.getPacket().hasDecoded()
                || message.getPacket().getDecoded().getPortnum() != PortNum.TEXT_MESSAGE_APP) {
            return Optional.empty();
        }
        MeshPacket p = message.getPacket();
        if (known.isConnectedRadio(p.getFrom())) {
            return Optional.empty(); // what the command post itself sent, echoed by its radio
        }
        Data data = p.getDecoded();
        String text = data.getPayload().toString(StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long createdAt = SenderClock.orArrival(MeshtasticPositions.toMillis(p.getRxTime()), receivedAtMs);
        RelayMessage.Builder m = RelayMessage.newBuilder()
                // the packet id is the sender's, random per packet: a repeat (or a second radio) is the same message
                .setMessageId(p.getId() != 0 ? String.format("meshtastic-%08x-%08x", p.getFrom(), p.getId())
                        : String.format("meshtastic-%08x-t%d", p.getFrom(), createdAt))
                .setFromId(MeshtasticPositions.assetId(p.getFrom()))
                .setTo("coordinator")
                .setPriority(DistressCall.in(text) ? MessagePriority.MESSAGE_PRIORITY_SOS
                        : MessagePriority.MESSAGE_PRIORITY_ROUTINE)
                .setText(known.label(p.getFrom()) + ": " + text.replace(String.valueOf(DistressCall.BELL), ""))
                .setCreatedAt(Timestamps.fromMillis(createdAt))
                .setLifetimeS(LIFETIME_S)
                .setHopsLeft(HOPS_LEFT);
        known.lastFix(p.getFrom()).ifPresent(fix -> m.setPosition(where(fix)));
        return Optional.of(m.build());
    }

    private static GeoPosition where(AssetPosition fix) {
        return GeoPosition.newBuilder().setLatDeg(fix.getLat()).setLonDeg(fix.getLon()).setAccuracyM(fix.getAccuracyM())
                .setObservedAt(fix.getObservedAt()).setSource(MeshtasticPositions.SOURCE).build();
    }
}
