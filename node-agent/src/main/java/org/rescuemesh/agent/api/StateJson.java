package org.rescuemesh.agent.api;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
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
                .put("lastHeard", iso(l.getLastHeard()));
    }

    /** One entry of the agent's GET /api/v1/members. */
    public static JsonObject member(MemberView m) {
        LinkMetrics l = m.link();
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
                .put("lastHeard", l.lastHeardMs() == 0 ? null : Timestamps.toString(Timestamps.fromMillis(l.lastHeardMs())));
    }
}
