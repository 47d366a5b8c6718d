package org.rescuemesh.agent;

import com.google.protobuf.util.Timestamps;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.List;
import java.util.Map;
import org.rescuemesh.agent.link.MacAddress;
import org.rescuemesh.agent.link.RadioLinks;
import org.rescuemesh.agent.mesh.LinkMetrics;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.agent.mesh.Mesh;
import org.rescuemesh.proto.v1.LinkMedium;
import org.rescuemesh.proto.v1.LinkReport;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * A field node: it samples its position and battery every report interval and publishes the
 * resulting {@link NodeState} on the mesh. All I/O is in the mesh and the sources. Its mesh MACs
 * ride in the state so that neighbours' link tools, which name peers by MAC, can be matched to
 * it; its own link reports carry what its tools say of each neighbour ({@link RadioLinks}) next
 * to what the probes measured.
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeAgent.class.getName());
    public static final String VERSION = "0.1.0";
    /**
     * The state rides in one gossip datagram (1,200 B on lan): report the best links only. A
     * field node rarely has more direct neighbours than this; on a flat LAN everyone is one.
     */
    static final int MAX_LINKS_REPORTED = 6;

    /** Who this node is. */
    public record Identity(String id, String name, String team, NodeKind kind, String radioProfile) {
        public Identity {
            NodeIdentity.require(id);
        }
    }

    private final Identity identity;
    private final Mesh mesh;
    private final Supplier<GeoPosition> position;
    private final DoubleSupplier batteryPct;
    private volatile boolean sos;
    private volatile String statusText = "";
    private final LinkMedium medium;
    private final List<MacAddress> meshMacs;
    private final RadioLinks radioLinks;
    private volatile NodeState current;
    private volatile boolean started;
    private ScheduledFuture<?> reporting;

    /**
     * @param position   latest fix, or null when the source has none yet
     * @param batteryPct battery charge 0..100, negative when unknown
     */
    public NodeAgent(Identity identity, Mesh mesh, Supplier<GeoPosition> position, DoubleSupplier batteryPct) {
        this(identity, mesh, position, batteryPct, List.of(), new RadioLinks());
    }

    /**
     * @param meshMacs   this node's mesh radio addresses, gossiped in its state
     * @param radioLinks readings of the link tools per member (filled by a {@code LinkPoller})
     */
    public NodeAgent(Identity identity, Mesh mesh, Supplier<GeoPosition> position, DoubleSupplier batteryPct,
                     List<MacAddress> meshMacs, RadioLinks radioLinks) {
        if (meshMacs.size() > org.rescuemesh.agent.link.MeshInterfaces.MAX_MACS) {
            throw new IllegalArgumentException("at most " + org.rescuemesh.agent.link.MeshInterfaces.MAX_MACS
                    + " mesh MACs, got " + meshMacs.size());
        }
        this.meshMacs = List.copyOf(meshMacs);
        this.radioLinks = radioLinks;
        this.identity = identity;
        this.mesh = mesh;
        this.position = position;
        this.batteryPct = batteryPct;
        this.medium = mediumOf(identity.radioProfile());
        this.current = buildState();
    }

    /** Starts the mesh and reports every {@code intervalMs}. */
    public void start(ScheduledExecutorService scheduler, long intervalMs) throws Exception {
        mesh.start();
        started = true;
        mesh.publishLocalState(current);
        reporting = scheduler.scheduleAtFixedRate(this::report, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void report() {
        try {
            current = buildState();
            mesh.publishLocalState(current);
        } catch (RuntimeException e) {
            // A bad reading from a source must not stop the reports.
            LOG.log(Level.WARNING, "state report failed", e);
        }
    }

    NodeState buildState() {
        NodeState.Builder b = NodeState.newBuilder()
                .setNodeId(identity.id())
                .setName(identity.name())
                .setTeam(identity.team())
                .setKind(identity.kind())
                .setRadioProfile(identity.radioProfile())
                .setStatus(NodeStatus.NODE_STATUS_ALIVE)
                .setBatteryPct(batteryPct.getAsDouble())
                .setSos(sos)
                .setStatusText(statusText)
                .setAgentVersion(VERSION)
                .setUpdatedAt(Timestamps.fromMillis(System.currentTimeMillis()));
        meshMacs.forEach(mac -> b.addMeshMacs(mac.toByteString()));
        GeoPosition fix = position.get();
        if (fix != null) {
            b.setPosition(fix);
        }
        // Links exist only once the mesh runs (and a mesh may refuse questions before that).
        if (started) {
            // Where the link tools hear anyone, they say who the radio neighbours are: on a routed
            // mesh (batman-adv) every member answers probes, so the probe view alone would draw a
            // "link" to members many hops away. Without readings (a flat LAN, or tools that
            // fail) the members heard directly are the links.
            Map<String, RadioLinks.Reading> heard = radioLinks.readings();
            mesh.members().stream()
                    .filter(m -> heard.isEmpty() || heard.containsKey(m.id()))
                    .map(m -> linkReport(m, medium, radioLinks))
                    .filter(Objects::nonNull)
                    .sorted(Comparator.comparingDouble(LinkReport::getEtx)
                            .thenComparingDouble(l -> l.getHasRssi() ? -l.getRssiDbm() : Double.MAX_VALUE)
                            .thenComparing(l -> -l.getLastHeard().getSeconds()))
                    .limit(MAX_LINKS_REPORTED)
                    .forEach(b::addLinks);
        }
        return b.build();
    }

    /**
     * What this node measured towards one member, as reported to the coordinator; null for
     * itself, for members never heard directly, and for members no longer alive (a link to a
     * dead node is not a link). The radio's reading of the member, when its tools have one, adds
     * signal, bitrate and batman-adv TQ.
     */
    static LinkReport linkReport(MemberView m, LinkMedium medium, RadioLinks radio) {
        LinkMetrics l = m.link();
        if (l.lastHeardMs() == 0 || m.status() != NodeStatus.NODE_STATUS_ALIVE && m.status() != NodeStatus.NODE_STATUS_SUSPECT) {
            return null;
        }
        LinkReport.Builder r = LinkReport.newBuilder().setPeerId(m.id()).setMedium(medium)
                .setLoss(l.loss()).setDeliveryForward(l.deliveryForward()).setDeliveryReverse(l.deliveryReverse())
                .setEtx(l.etx()).setLastHeard(Timestamps.fromMillis(l.lastHeardMs()));
        if (Double.isFinite(l.rttMs())) {
            r.setRttMs(l.rttMs());
        }
        if (Double.isFinite(l.rttVarMs())) {
            r.setRttVarMs(l.rttVarMs());
        }
        radio.reading(m.id()).ifPresent(reading -> reading.sample().applyTo(r));
        return r.build();
    }

    /** The medium named by a radio profile ("lora-868-sf7", "wifi-mesh-2.4", "vhf-handheld", …). */
    static LinkMedium mediumOf(String radioProfile) {
        String p = radioProfile == null ? "" : radioProfile;
        if (p.startsWith("lora")) return LinkMedium.LINK_MEDIUM_LORA;
        if (p.startsWith("wifi")) return LinkMedium.LINK_MEDIUM_WIFI;
        if (p.startsWith("vhf")) return LinkMedium.LINK_MEDIUM_VHF;
        if (p.startsWith("uhf")) return LinkMedium.LINK_MEDIUM_UHF;
        if (p.startsWith("ethernet")) return LinkMedium.LINK_MEDIUM_ETHERNET;
        return LinkMedium.LINK_MEDIUM_UNSPECIFIED;
    }

    public void raiseSos(boolean on) {
        sos = on;
        report();
    }

    public void setStatusText(String text) {
        statusText = text == null ? "" : text;
        report();
    }

    public Identity identity() {
        return identity;
    }

    public NodeState currentState() {
        return current;
    }

    public Mesh mesh() {
        return mesh;
    }

    public List<MacAddress> meshMacs() {
        return meshMacs;
    }

    public RadioLinks radioLinks() {
        return radioLinks;
    }

    @Override
    public void close() {
        if (reporting != null) {
            reporting.cancel(false);
        }
        mesh.close();
    }
}
