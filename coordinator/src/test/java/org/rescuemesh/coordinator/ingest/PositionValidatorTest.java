package org.rescuemesh.coordinator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.Rejection;

class PositionValidatorTest {

    static final long NOW = 1_790_000_000_000L;

    static AssetPosition.Builder valid() {
        return AssetPosition.newBuilder().setAssetId("heli-1").setLat(11.2).setLon(125.0).setAltM(300)
                .setAccuracyM(10).setSpeedMps(50).setHeadingDeg(270).setObservedAt(Timestamps.fromMillis(NOW));
    }

    static Optional<Rejection> check(AssetPosition.Builder b) {
        return PositionValidator.check(7, b.build(), NOW);
    }

    @Test
    void unknownFieldsAreRejectedWithTheirNumber() {
        AssetPosition withExtra = valid().setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(42, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build()).build();
        Optional<Rejection> r = PositionValidator.check(3, withExtra, NOW);
        assertThat(r).isPresent();
        assertThat(r.get().getIndex()).isEqualTo(3);
        assertThat(r.get().getField()).isEqualTo("field 42");
        assertThat(r.get().getReason()).contains("unknown field");
    }

    @Test
    void acceptsAValidPositionAndTheEdgesOfTheRanges() {
        assertThat(check(valid())).isEmpty();
        assertThat(check(valid().setLat(90).setLon(-180))).isEmpty();
        assertThat(check(valid().setLat(-90).setLon(180).setHeadingDeg(0))).isEmpty();
        assertThat(check(valid().setObservedAt(Timestamps.fromMillis(NOW + 4 * 60_000)))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "lat, 95", "lat, -90.0001", "lat, NaN", "lat, Infinity",
            "lon, 180.5", "lon, -181", "lon, NaN",
            "alt_m, NaN", "accuracy_m, -1", "speed_mps, -0.1", "heading_deg, 361", "heading_deg, -1"})
    void rejectsOutOfRangeOrNonFiniteNumbersNamingTheField(String field, double value) {
        AssetPosition.Builder b = valid();
        switch (field) {
            case "lat" -> b.setLat(value);
            case "lon" -> b.setLon(value);
            case "alt_m" -> b.setAltM(value);
            case "accuracy_m" -> b.setAccuracyM(value);
            case "speed_mps" -> b.setSpeedMps(value);
            case "heading_deg" -> b.setHeadingDeg(value);
            default -> throw new AssertionError(field);
        }
        Rejection r = check(b).orElseThrow();
        assertThat(r.getIndex()).isEqualTo(7);
        assertThat(r.getField()).isEqualTo(field);
        assertThat(r.getReason()).isNotBlank();
    }

    @Test
    void requiresAnIdAndAnObservationTime() {
        assertThat(check(valid().clearAssetId()).orElseThrow().getField()).isEqualTo("asset_id");
        assertThat(check(valid().setAssetId("has space")).orElseThrow().getField()).isEqualTo("asset_id");
        assertThat(check(valid().clearObservedAt()).orElseThrow().getField()).isEqualTo("observed_at");
    }

    @Test
    void rejectsObservationsFarInTheFutureOrPast() {
        assertThat(check(valid().setObservedAt(Timestamps.fromMillis(NOW + 6 * 60_000))).orElseThrow().getReason())
                .contains("future");
        assertThat(check(valid().setObservedAt(Timestamps.fromMillis(NOW - 8L * 24 * 3_600_000))).orElseThrow().getReason())
                .contains("older");
        assertThat(check(valid().setObservedAt(Timestamp.newBuilder().setSeconds(NOW / 1000).setNanos(-5))).orElseThrow()
                .getField()).isEqualTo("observed_at");
    }

    @Test
    void rejectsOverlongLabels() {
        assertThat(check(valid().setLabel("x".repeat(129))).orElseThrow().getField()).isEqualTo("label");
    }
}
