package org.rescuemesh.coordinator.ingest;

import com.google.protobuf.util.Timestamps;
import java.util.Optional;
import org.rescuemesh.agent.NodeIdentity;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.Rejection;

/**
 * The rules an agency position must satisfy before it is stored. Each failure names the field
 * and says why, so the sender can fix its feed.
 */
public final class PositionValidator {

    /** How far in the future an observation may be (clock skew of field systems). */
    public static final long MAX_FUTURE_MS = 5 * 60_000L;
    /** How old an observation may be to still enter the live picture. */
    public static final long MAX_AGE_MS = 7 * 24 * 3_600_000L;
    public static final int MAX_TEXT = 128;

    private PositionValidator() {
    }

    public static Optional<Rejection> check(int index, AssetPosition p, long nowMs) {
        if (!p.getUnknownFields().asMap().isEmpty()) {
            // A field this coordinator does not know is most likely a sender's mistake (a typo'd
            // tag, a wrong message type); silently dropping it would hide that.
            return reject(index, "field " + p.getUnknownFields().asMap().keySet().iterator().next(),
                    "unknown field number in AssetPosition (this coordinator speaks rescuemesh.v1)");
        }
        if (p.getAssetId().isEmpty()) {
            return reject(index, "asset_id", "required");
        }
        if (!NodeIdentity.isValid(p.getAssetId())) {
            return reject(index, "asset_id", "must be 1..64 characters of A-Z a-z 0-9 . _ : -");
        }
        if (!Double.isFinite(p.getLat())) {
            return reject(index, "lat", "must be a finite number, got " + p.getLat());
        }
        if (p.getLat() < -90 || p.getLat() > 90) {
            return reject(index, "lat", "must be within -90..90, got " + p.getLat());
        }
        if (!Double.isFinite(p.getLon())) {
            return reject(index, "lon", "must be a finite number, got " + p.getLon());
        }
        if (p.getLon() < -180 || p.getLon() > 180) {
            return reject(index, "lon", "must be within -180..180, got " + p.getLon());
        }
        if (!Double.isFinite(p.getAltM()) || Math.abs(p.getAltM()) > 100_000) {
            return reject(index, "alt_m", "must be a finite number within ±100000 m, got " + p.getAltM());
        }
        if (!Double.isFinite(p.getAccuracyM()) || p.getAccuracyM() < 0) {
            return reject(index, "accuracy_m", "must be a finite number >= 0, got " + p.getAccuracyM());
        }
        if (!Double.isFinite(p.getSpeedMps()) || p.getSpeedMps() < 0 || p.getSpeedMps() > 1_000) {
            return reject(index, "speed_mps", "must be within 0..1000, got " + p.getSpeedMps());
        }
        if (!Double.isFinite(p.getHeadingDeg()) || p.getHeadingDeg() < 0 || p.getHeadingDeg() > 360) {
            return reject(index, "heading_deg", "must be within 0..360, got " + p.getHeadingDeg());
        }
        if (!p.hasObservedAt()) {
            return reject(index, "observed_at", "required");
        }
        if (!Timestamps.isValid(p.getObservedAt())) {
            return reject(index, "observed_at", "not a valid timestamp");
        }
        long observed = Timestamps.toMillis(p.getObservedAt());
        if (observed > nowMs + MAX_FUTURE_MS) {
            return reject(index, "observed_at", "more than 5 minutes in the future");
        }
        if (observed < nowMs - MAX_AGE_MS) {
            return reject(index, "observed_at", "older than 7 days");
        }
        if (p.getLabel().length() > MAX_TEXT) {
            return reject(index, "label", "longer than " + MAX_TEXT + " characters");
        }
        if (p.getKind().length() > MAX_TEXT) {
            return reject(index, "kind", "longer than " + MAX_TEXT + " characters");
        }
        if (p.getSource().length() > MAX_TEXT) {
            return reject(index, "source", "longer than " + MAX_TEXT + " characters");
        }
        return Optional.empty();
    }

    static Optional<Rejection> reject(int index, String field, String reason) {
        return Optional.of(Rejection.newBuilder().setIndex(index).setField(field).setReason(reason).build());
    }
}
