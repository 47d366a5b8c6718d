package org.rescuemesh.agent.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;

class PositionSpecTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void staticSpecGivesThatPositionOnStart() {
        PositionSource source = PositionSpec.parse("static:47.3769,8.5417,456.3").open(CLOCK, null);
        assertThat(source.latest()).isEmpty();
        source.start();
        GeoPosition fix = source.latest().orElseThrow();
        assertThat(fix.getLatDeg()).isEqualTo(47.3769);
        assertThat(fix.getLonDeg()).isEqualTo(8.5417);
        assertThat(fix.getAltM()).isEqualTo(456.3);
        assertThat(fix.getAltKnown()).isTrue();
        assertThat(fix.getSource()).isEqualTo("static");
        assertThat(fix.getObservedAt().getSeconds()).isEqualTo(CLOCK.instant().getEpochSecond());
        assertThat(PositionSpec.parse("static:-33.86,151.2").open(CLOCK, null)).isInstanceOf(StaticPositionSource.class);
    }

    @Test
    void everyFormBuildsItsSource() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThat(PositionSpec.parse("gpsd").open(CLOCK, scheduler).describe()).isEqualTo("gpsd 127.0.0.1:2947");
            assertThat(PositionSpec.parse("gpsd:gps.local:3000").open(CLOCK, scheduler).describe())
                    .isEqualTo("gpsd gps.local:3000");
            assertThat(PositionSpec.parse("gpsd:gps.local").open(CLOCK, scheduler).describe())
                    .isEqualTo("gpsd gps.local:2947");
            assertThat(PositionSpec.parse("nmea:/dev/ttyUSB0").open(CLOCK, scheduler))
                    .isInstanceOf(NmeaPositionSource.class);
            assertThat(PositionSpec.parse("walk:12:47.30,8.45,47.33,8.50").open(CLOCK, scheduler))
                    .isInstanceOf(WalkerPositionSource.class);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void badSpecsSayWhatIsWrongAndListTheForms() {
        assertThatThrownBy(() -> PositionSpec.parse("glonass")).hasMessageContaining("unknown position source")
                .hasMessageContaining("static:LAT,LON");
        assertThatThrownBy(() -> PositionSpec.parse("static:91,8")).hasMessageContaining("latitude");
        assertThatThrownBy(() -> PositionSpec.parse("static:47")).hasMessageContaining("LAT,LON");
        assertThatThrownBy(() -> PositionSpec.parse("static:47,abc")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> PositionSpec.parse("gpsd:host:99999")).hasMessageContaining("port");
        assertThatThrownBy(() -> PositionSpec.parse("nmea:")).hasMessageContaining("path");
        assertThatThrownBy(() -> PositionSpec.parse("walk:x:1,2,3,4")).hasMessageContaining("integer seed");
        assertThatThrownBy(() -> PositionSpec.parse("walk:1:47.33,8.45,47.30,8.50")).hasMessageContaining("south < north");
        assertThatThrownBy(() -> PositionSpec.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staticSourceRejectsImpossibleValues() {
        assertThatThrownBy(() -> new StaticPositionSource(10, 200, OptionalDouble.empty(), 0, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StaticPositionSource(10, 20, OptionalDouble.of(Double.NaN), 0, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
