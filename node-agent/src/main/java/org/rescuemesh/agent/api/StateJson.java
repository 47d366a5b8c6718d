package org.rescuemesh.agent.api;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import com.google.protobuf.ByteString;
import java.util.Locale;
import java.util.Optional;
import org.rescuemesh.agent.link.LinkSample;
import org.rescuemesh.agent.link.MacAddress;
import org.rescuemesh.agent.link.RadioLinks;
import org.rescuemesh.agent.mesh.LinkMetrics;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.proto.v1.LinkReport;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/** JSON shapes of the public REST contract (DESIGN.md), shared by agent and coordinator. */
public final class StateJson {

    private StateJson() {
    }

    /** "alive", "suspect", "dead", "left" (unspecified reads as alive: a node reporting itself). */
    public static String status(NodeStatus s) {
        return switch (s) {
            case NODE_STATUS_SUSPECT -> "suspect";
            case NODE_STATUS_DEAD -> "dead";
            case NODE_STATUS_LEFT -> "left";
            default -> "alive";
        };
    }

    public static String kind(org.rescuemesh.proto.v1.NodeKind k) {
        return switch (k) {
            case NODE_KIND_ASSET -> "asset";
            case NODE_KIND_COORDINATOR -> "coordinator";
            default -> "agent";
        };
    }

    public static String iso(Timestamp t) {
        return t == null || (t.getSeconds() == 0 && t.getNanos() == 0) ? null : Timestamps.toString(t);
    }

    /** A finite double, or null (JSON has no NaN/Infinity). */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The node object of GET /api/v1/nodes. */
    public static JsonObject node(NodeState s, NodeStatus status) {
        JsonObject o = new JsonObject()
                .put("id", s.getNodeId())
                .put("kind", kind(s.getKind()))
                .put("name", s.getName().isEmpty() ? s.getNodeId() : s.getName())
                .put("team", s.getTeam())
                .put("status", status(status))
                .put("lastSeen", iso(s.getUpdatedAt()))
                .put("batteryPct", s.getBatteryPct() < 0 ? null : s.getBatteryPct())
                .put("sos", s.getSos())
                .put("statusText", s.getStatusText())
                .put("radioProfile", s.getRadioProfile());
        if (s.hasPosition()) {
            var p = s.getPosition();
            o.put("lat", p.getLatDeg()).put("lon", p.getLonDeg())
                    .put("altM", p.getAltKnown() ? p.getAltM() : null)
                    .put("accuracyM", p.getAccuracyM())
                    .put("speedMps", p.getSpeedMps())
                    .put("headingDeg", p.getHeadingDeg())
                    .put("observedAt", iso(p.getObservedAt()))
                    .put("source", p.getSource());
        } else {
            o.putNull("lat").putNull("lon").putNull("altM").putNull("accuracyM").putNull("source");
        }
        JsonArray links = new JsonArray();
        for (LinkReport l : s.getLinksList()) {
            links.add(link(l));
        }
        return o.put("links", links);
    }

    public static JsonObject link(LinkReport l) {
        return new JsonObject()
                .put("peer", l.getPeerId())
                .put("medium", l.getMedium().name().replace("LINK_MEDIUM_", "").toLowerCase(Locale.ROOT))
                .put("rssiDbm", l.getHasRssi() ? l.getRssiDbm() : null)
                .put("snrDb", l.getHasSnr() ? l.getSnrDb() : null)
                .put("rttMs", finite(l.getRttMs()))
                .put("loss", finite(l.getLoss()))
                .put("etx", finite(l.getEtx()))
                .put("lastHeard", iso(l.getLastHeard()))
                .put("bitrateKbps", l.getBitrateKbps() > 0 ? finite(l.getBitrateKbps()) : null)
                .put("batmanTq", l.getBatmanTq() > 0 ? l.getBatmanTq() : null);
    }

    /** One entry of the agent's GET /api/v1/members, without radio readings. */
    public static JsonObject member(MemberView m) {
        return member(m, Optional.empty());
    }

    /**
     * One entry of the agent's GET /api/v1/members: the probe measurements, the MACs the member
     * gossips and, when a link tool reported one of them, the radio's figures ({@code rssiDbm},
     * {@code bitrateKbps}, {@code batmanTq} as in link reports, details under {@code radio}).
     */
    public static JsonObject member(MemberView m, Optional<RadioLinks.Reading> radio) {
        LinkMetrics l = m.link();
        JsonArray macs = new JsonArray();
        for (ByteString raw : m.state().getMeshMacsList()) {
            if (raw.size() == MacAddress.BYTES) {
                macs.add(MacAddress.of(raw).toString());
            }
        }
        LinkReport.Builder fromRadio = LinkReport.newBuilder();
        radio.ifPresent(r -> r.sample().applyTo(fromRadio));
        return new JsonObject()
                .put("id", m.id())
                .put("status", status(m.status()))
                .put("incarnation", m.incarnation())
                .put("addr", m.addr())
                .put("team", m.state().getTeam())
                .put("rttMs", finite(l.rttMs()))
                .put("rttVarMs", finite(l.rttVarMs()))
                .put("loss", finite(l.loss()))
                .put("deliveryForward", finite(l.deliveryForward()))
                .put("deliveryReverse", finite(l.deliveryReverse()))
                .put("etx", finite(l.etx()))
                .put("lastHeard", l.lastHeardMs() == 0 ? null : Timestamps.toString(Timestamps.fromMillis(l.lastHeardMs())))
                .put("macs", macs)
                .put("rssiDbm", fromRadio.getHasRssi() ? fromRadio.getRssiDbm() : null)
                .put("bitrateKbps", fromRadio.getBitrateKbps() > 0 ? fromRadio.getBitrateKbps() : null)
                .put("batmanTq", radio.isPresent() && fromRadio.getBatmanTq() > 0 ? fromRadio.getBatmanTq() : null)
                .put("radio", radio.map(StateJson::radio).orElse(null));
    }

    private static JsonObject radio(RadioLinks.Reading reading) {
        LinkSample s = reading.sample();
        return new JsonObject()
                .put("mac", s.peerAddress())
                .put("interface", s.interfaceName())
                .put("signalDbm", s.rssiDbm().isPresent() ? s.rssiDbm().getAsDouble() : null)
                .put("txBitrateKbps", s.txBitrateKbps().isPresent() ? s.txBitrateKbps().getAsDouble() : null)
                .put("rxBitrateKbps", s.rxBitrateKbps().isPresent() ? s.rxBitrateKbps().getAsDouble() : null)
                .put("batmanTq", s.batmanTq().isPresent() ? s.batmanTq().getAsInt() : null)
                .put("throughputKbps", s.throughputKbps().isPresent() ? s.throughputKbps().getAsDouble() : null)
                .put("lastSeenMs", s.lastSeen().map(java.time.Duration::toMillis).orElse(null))
                .put("sampledAt", Timestamps.toString(Timestamps.fromMillis(reading.sampledAtMs())));
    }
}
