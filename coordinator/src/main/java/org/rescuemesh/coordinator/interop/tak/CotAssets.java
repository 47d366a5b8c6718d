package org.rescuemesh.coordinator.interop.tak;

import com.google.protobuf.util.Timestamps;
import java.util.Optional;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.tak.v1.CotEvent;

/**
 * Which CoT events are positions of assets, and the agency position each one becomes. Atoms
 * ({@code a-…}: units, vehicles, aircraft, boats of any affiliation) are; chat, deletes, drawings
 * and protocol control are not. Ingest validates the result like any agency's position.
 */
public final class CotAssets {

    /** CoT's "unknown" for hae, ce and le. */
    public static final double UNKNOWN = 9_999_999;

    private CotAssets() {
    }

    /** The asset position of an atom event; empty for events that are not positions. */
    public static Optional<AssetPosition> toAsset(CotEvent e) {
        if (!e.getType().startsWith("a-")) {
            return Optional.empty();
        }
        AssetPosition.Builder a = AssetPosition.newBuilder().setAssetId(e.getUid()).setSource("tak")
                .setLat(e.getLat()).setLon(e.getLon())
                .setObservedAt(Timestamps.fromMillis(e.getSendTime()))
                .setKind(kindOf(e.getType()));
        if (known(e.getHae())) {
            a.setAltM(e.getHae());
        }
        if (known(e.getCe()) && e.getCe() >= 0) {
            a.setAccuracyM(e.getCe());
        }
        String callsign = e.getDetail().getContact().getCallsign();
        a.setLabel(callsign.isEmpty() ? e.getUid() : callsign);
        if (e.getDetail().hasTrack()) {
            double speed = e.getDetail().getTrack().getSpeed();
            double course = e.getDetail().getTrack().getCourse();
            if (Double.isFinite(speed) && speed >= 0) {
                a.setSpeedMps(speed);
            }
            if (Double.isFinite(course) && course >= 0 && course <= 360) {
                a.setHeadingDeg(course);
            }
        }
        return Optional.of(a.build());
    }

    private static boolean known(double v) {
        return Double.isFinite(v) && Math.abs(v) < UNKNOWN;
    }

    /**
     * The asset kind from the type's battle dimension (MIL-STD-2525 as CoT spells it:
     * a-affiliation-dimension-function…): air → aircraft or helicopter, sea surface → boat,
     * ground equipment vehicles → vehicle, ground units → team.
     */
    static String kindOf(String type) {
        String[] atoms = type.split("-");
        String dimension = atoms.length > 2 ? atoms[2] : "";
        String function = atoms.length > 3 ? String.join("-", java.util.Arrays.copyOfRange(atoms, 3, atoms.length)) : "";
        return switch (dimension) {
            case "A" -> function.matches("[MC]-H.*") ? "helicopter" : "aircraft";
            case "S" -> "boat";
            case "U" -> "submarine";
            case "G" -> function.startsWith("E-V") ? "vehicle" : function.startsWith("U") ? "team" : "ground";
            case "F" -> "special-operations";
            default -> "unknown";
        };
    }
}
