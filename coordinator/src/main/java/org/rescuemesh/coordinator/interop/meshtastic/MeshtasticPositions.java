package org.rescuemesh.coordinator.interop.meshtastic;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rescuemesh.coordinator.ingest.PositionValidator;
import org.rescuemesh.coordinator.interop.SenderClock;
import org.rescuemesh.meshtastic.v2.Data;
import org.rescuemesh.meshtastic.v2.FromRadio;
import org.rescuemesh.meshtastic.v2.MeshPacket;
import org.rescuemesh.meshtastic.v2.NodeInfo;
import org.rescuemesh.meshtastic.v2.PortNum;
import org.rescuemesh.meshtastic.v2.Position;
import org.rescuemesh.meshtastic.v2.User;
import org.rescuemesh.proto.v1.AssetPosition;

/**
 * What the messages of one Meshtastic radio say about where the mesh's nodes are: the node
 * database it sends on connect ({@link NodeInfo}, with each node's last known position) and every
 * position and identity packet it hears afterwards. Each position becomes an agency position of
 * asset {@code meshtastic:<node number in hex>}, labelled with the node's announced name, which
 * the coordinator validates and stores like any agency's. Sans-I/O: fed messages and the time of
 * reception.
 *
 * <p>Times: a position's own time (GPS solution, else the sender's clock), else the receiving
 * radio's clock, else the reception here; a clock running ahead gives way to the reception time
 * ({@link SenderClock}).
 */
public final class MeshtasticPositions {

    /** Agency ("source") of every position read here. */
    public static final String SOURCE = "meshtastic";
    /** Units of latitude_i/longitude_i per degree (divided, not multiplied by 1e-7: 1250100000 is 125.01, not 125.00999…). */
    static final double UNITS_PER_DEGREE = 1e7;
    private static final double METRES_PER_DEGREE = 111_320;

    /** Nodes remembered (names, last fixes): a mesh has a few hundred; a flood of made-up numbers must not grow without end. */
    static final int MAX_NODES = 10_000;

    private final Map<Integer, User> names = new HashMap<>();
    private Integer myNode;
    private final Map<Integer, AssetPosition> lastFixes = new HashMap<>();

    /** The asset positions {@code message} carries (none for most messages). */
    public List<AssetPosition> read(FromRadio message, long receivedAtMs) {
        if (message.hasMyInfo()) {
            myNode = message.getMyInfo().getMyNodeNum();
        }
        if (message.hasNodeInfo()) {
            NodeInfo n = message.getNodeInfo();
            if (n.hasUser()) {
                remember(names, n.getNum(), n.getUser());
            }
            if (!n.hasPosition()) {
                return List.of();
            }
            // from the radio's node database: the time it last heard the node is when the position held.
            // Without any time it may be days old; shown as current it would send a team to the wrong
            // place, so it waits for the node's next live report instead.
            Position pos = n.getPosition();
            if (n.getLastHeard() == 0 && pos.getTimestamp() == 0 && pos.getTime() == 0) {
                return List.of();
            }
            return position(n.getNum(), pos, toMillis(n.getLastHeard()), receivedAtMs).stream().toList();
        }
        if (message.hasPacket() && message.getPacket().hasDecoded()) {
            return fromPacket(message.getPacket(), receivedAtMs);
        }
        return List.of(); // encrypted (a channel this radio lacks the key of), handshake, config
    }

    private List<AssetPosition> fromPacket(MeshPacket p, long receivedAtMs) {
        Data data = p.getDecoded();
        try {
            if (data.getPortnum() == PortNum.POSITION_APP) {
                return position(p.getFrom(), Position.parseFrom(data.getPayload()), toMillis(p.getRxTime()), receivedAtMs)
                        .stream().toList();
            }
            if (data.getPortnum() == PortNum.NODEINFO_APP) {
                remember(names, p.getFrom(), User.parseFrom(data.getPayload()));
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("unreadable " + data.getPortnum() + " payload from node "
                    + assetId(p.getFrom()) + ": " + e.getMessage(), e);
        }
        return List.of();
    }

    /** The position as an agency position, or empty when it has no fix (Meshtastic sends 0,0 then). */
    private Optional<AssetPosition> position(int node, Position pos, long radioTimeMs, long receivedAtMs) {
        if (!pos.hasLatitudeI() || !pos.hasLongitudeI() || pos.getLatitudeI() == 0 && pos.getLongitudeI() == 0) {
            return Optional.empty();
        }
        AssetPosition.Builder a = AssetPosition.newBuilder().setAssetId(assetId(node)).setSource(SOURCE)
                .setLat(pos.getLatitudeI() / UNITS_PER_DEGREE).setLon(pos.getLongitudeI() / UNITS_PER_DEGREE)
                .setObservedAt(Timestamps.fromMillis(observedAt(pos, radioTimeMs, receivedAtMs)))
                .setKind(kindOf(names.get(node)));
        if (pos.hasAltitude()) {
            a.setAltM(pos.getAltitude());
        }
        double accuracy = accuracyM(pos);
        if (accuracy > 0) {
            a.setAccuracyM(accuracy);
        }
        if (pos.hasGroundSpeed()) {
            a.setSpeedMps(pos.getGroundSpeed() / 3.6); // km/h as the firmware fills it in
        }
        if (pos.hasGroundTrack() && pos.getGroundTrack() >= 0 && pos.getGroundTrack() <= 36_000_000) {
            a.setHeadingDeg(pos.getGroundTrack() * 1e-5);
        }
        a.setLabel(label(node));
        AssetPosition fix = a.build();
        AssetPosition known = lastFixes.get(node);
        if (known == null || Timestamps.compare(fix.getObservedAt(), known.getObservedAt()) >= 0) {
            remember(lastFixes, node, fix);
        }
        return Optional.of(fix);
    }

    static long observedAt(Position pos, long radioTimeMs, long receivedAtMs) {
        long own = pos.getTimestamp() != 0 ? toMillis(pos.getTimestamp()) : toMillis(pos.getTime());
        return SenderClock.orArrival(own != 0 ? own : radioTimeMs, receivedAtMs);
    }

    /**
     * Metres: a blurred position (precision_bits below 32) is the centre of a grid cell of
     * 2^(32 − bits) units, so it may be off by half the cell's diagonal; a precise one by the
     * receiver's accuracy times its HDOP, when the sender says both. 0: unknown.
     */
    static double accuracyM(Position pos) {
        int bits = pos.getPrecisionBits();
        if (bits > 0 && bits < 32) {
            double cellDeg = Math.scalb(1.0, 32 - bits) / UNITS_PER_DEGREE;
            return cellDeg * METRES_PER_DEGREE * Math.sqrt(2) / 2;
        }
        if (pos.getGpsAccuracy() > 0 && pos.getHDOP() > 0) {
            return pos.getGpsAccuracy() / 1000.0 * pos.getHDOP() / 100.0;
        }
        return 0;
    }

    /** Meshtastic's own spelling of a node ("!" and 8 hex digits), with a prefix our ids allow. */
    public static String assetId(int node) {
        return "meshtastic:" + String.format("%08x", node);
    }

    private static <V> void remember(Map<Integer, V> map, int node, V value) {
        if (map.size() < MAX_NODES || map.containsKey(node)) {
            map.put(node, value);
        }
    }

    /** Whether {@code node} is the radio the coordinator is connected to (it said so on connect). */
    public boolean isConnectedRadio(int node) {
        return myNode != null && myNode == node;
    }

    /** The newest position read of {@code node}, if any. */
    public Optional<AssetPosition> lastFix(int node) {
        return Optional.ofNullable(lastFixes.get(node));
    }

    /** The name {@code node} announced, or its Meshtastic id ("!" and 8 hex digits) while none is known. */
    public String label(int node) {
        User u = names.get(node);
        if (u == null || u.getLongName().isBlank()) {
            return "!" + String.format("%08x", node);
        }
        String name = u.getShortName().isBlank() ? u.getLongName() : u.getLongName() + " (" + u.getShortName() + ")";
        return name.length() > PositionValidator.MAX_TEXT ? name.substring(0, PositionValidator.MAX_TEXT) : name;
    }

    /** Routers and repeaters are fixed relays; every other role is a radio someone carries or mounts. */
    private static String kindOf(User u) {
        if (u == null) {
            return "radio";
        }
        return switch (u.getRole()) {
            case ROUTER, ROUTER_CLIENT, REPEATER, ROUTER_LATE -> "relay";
            default -> "radio";
        };
    }

    /** Meshtastic's times: unsigned seconds since 1970. */
    static long toMillis(int epochSeconds) {
        return Integer.toUnsignedLong(epochSeconds) * 1000;
    }
}
