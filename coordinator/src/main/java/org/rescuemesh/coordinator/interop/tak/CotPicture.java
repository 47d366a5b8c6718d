package org.rescuemesh.coordinator.interop.tak;

import com.google.protobuf.util.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;
import org.rescuemesh.tak.v1.Contact;
import org.rescuemesh.tak.v1.CotEvent;
import org.rescuemesh.tak.v1.Detail;
import org.rescuemesh.tak.v1.Group;
import org.rescuemesh.tak.v1.Status;
import org.rescuemesh.tak.v1.Track;

/**
 * The picture as TAK shows it: each placed node as a CoT atom, so ATAK users in the field and
 * WinTAK in the command post see the teams, the command post and the agencies' assets. A node
 * the mesh declared dead or that left is sent already stale (TAK greys it out) rather than
 * removed: its last position is where to start looking.
 */
public final class CotPicture {

    /** How long TAK shows a report before greying it out (ATAK greys a contact after ~5 min). */
    static final Duration STALE_AFTER = Duration.ofMinutes(5);

    private CotPicture() {
    }

    /** The CoT event of a node with a position; empty for a node that has none. */
    public static Optional<CotEvent> toEvent(NodeState n, Instant now) {
        if (!n.hasPosition()) {
            return Optional.empty();
        }
        GeoPosition p = n.getPosition();
        long observed = p.hasObservedAt() ? Timestamps.toMillis(p.getObservedAt()) : now.toEpochMilli();
        boolean gone = n.getStatus() == NodeStatus.NODE_STATUS_DEAD || n.getStatus() == NodeStatus.NODE_STATUS_LEFT;
        long stale = gone ? Math.min(now.toEpochMilli(), observed + 1) : observed + STALE_AFTER.toMillis();
        Detail.Builder d = Detail.newBuilder()
                .setContact(Contact.newBuilder().setCallsign(n.getName().isEmpty() ? n.getNodeId() : n.getName()))
                .setGroup(Group.newBuilder().setName(n.getTeam()).setRole(role(n)));
        if (n.getBatteryPct() >= 0 && n.getBatteryPct() <= 100) {
            d.setStatus(Status.newBuilder().setBattery((int) Math.round(n.getBatteryPct())));
        }
        if (p.getSpeedMps() > 0 || p.getHeadingDeg() > 0) {
            d.setTrack(Track.newBuilder().setSpeed(p.getSpeedMps()).setCourse(p.getHeadingDeg()));
        }
        String remarks = remarks(n);
        if (!remarks.isEmpty()) {
            // carried as XML in both encodings (TAK protocol 1 has no field for it)
            d.setXmlDetail("<remarks>" + CotXml.escape(remarks) + "</remarks>");
        }
        return Optional.of(CotEvent.newBuilder()
                .setUid(n.getNodeId()).setType(typeOf(n)).setHow(n.getKind() == NodeKind.NODE_KIND_ASSET ? "m-f" : "m-g")
                .setSendTime(observed).setStartTime(observed).setStaleTime(stale)
                .setLat(p.getLatDeg()).setLon(p.getLonDeg())
                .setHae(p.getAltKnown() ? p.getAltM() : CotAssets.UNKNOWN)
                .setCe(p.getAccuracyM() > 0 ? p.getAccuracyM() : CotAssets.UNKNOWN)
                .setLe(CotAssets.UNKNOWN)
                .setDetail(d)
                .build());
    }

    /** Free text TAK shows under the contact: SOS first, then the node's status text. */
    static String remarks(NodeState n) {
        String text = n.getStatusText();
        return n.getSos() ? ("SOS " + text).strip() : text;
    }

    private static String role(NodeState n) {
        return switch (n.getKind()) {
            case NODE_KIND_COORDINATOR -> "HQ";
            case NODE_KIND_AGENT -> "Team Member";
            default -> "Asset";
        };
    }

    /** Friendly atoms: teams as ground units, the command post as an installation, assets by kind. */
    static String typeOf(NodeState n) {
        if (n.getKind() == NodeKind.NODE_KIND_COORDINATOR) {
            return "a-f-G-I";
        }
        if (n.getKind() == NodeKind.NODE_KIND_AGENT) {
            return "a-f-G-U-C";
        }
        return switch (n.getStatusText()) { // an asset's kind as its agency reported it
            case "helicopter" -> "a-f-A-C-H";
            case "aircraft" -> "a-f-A-C-F";
            case "boat" -> "a-f-S-C";
            case "vehicle" -> "a-f-G-E-V";
            case "team" -> "a-f-G-U-C";
            default -> "a-f-G";
        };
    }
}
