package org.rescuemesh.agent.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.proto.v1.GeoPosition;

class NmeaPositionSourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:30Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path copyFixture(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/nmea/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void readsARecordedFileToItsEndAndPublishesEveryFix() throws Exception {
        Path file = copyFixture("ublox-walk.nmea");
        NmeaPositionSource source = new NmeaPositionSource(file, CLOCK);
        List<GeoPosition> heard = new CopyOnWriteArrayList<>();
        source.addListener(heard::add);
        source.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(source::reachedEndOfFile);
        } finally {
            source.stop();
        }
        assertThat(heard).hasSize(20);
        assertThat(source.latest()).contains(heard.get(19));
        assertThat(source.counts().fixes()).isEqualTo(20);
    }

    @Test
    void aMissingDeviceIsRetriedUntilItAppears() throws Exception {
        Path device = dir.resolve("ttyUSB-not-yet");
        NmeaPositionSource source = new NmeaPositionSource(device, new NmeaParser(CLOCK),
                new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100)));
        source.start();
        try {
            Thread.sleep(150);
            assertThat(source.latest()).isEmpty();
            // Appear atomically, so the reader never sees a half-written file.
            Path staging = dir.resolve("staging");
            Files.copy(getClass().getResourceAsStream("/nmea/noisy-serial.nmea"), staging);
            Files.move(staging, device, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(10)).until(source::reachedEndOfFile);
            assertThat(source.counts().fixes()).isEqualTo(4);
            assertThat(source.counts().malformed()).isEqualTo(7);
            assertThat(source.latest()).isPresent();
        } finally {
            source.stop();
        }
    }
}
