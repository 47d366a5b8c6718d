package org.rescuemesh.agent.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;

class NmeaParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:30Z"), ZoneOffset.UTC);

    static List<String> fixture(String name) throws IOException {
        try (InputStream in = NmeaParserTest.class.getResourceAsStream("/nmea/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return List.of(text.split("\r?\n"));
        }
    }

    private static List<GeoPosition> parseAll(NmeaParser parser, List<String> lines) {
        List<GeoPosition> fixes = new ArrayList<>();
        for (String line : lines) {
            parser.parse(line).ifPresent(fixes::add);
        }
        return fixes;
    }

    @Test
    void recordedUbloxStreamGivesMergedFixes() throws IOException {
        NmeaParser parser = new NmeaParser(CLOCK);
        List<GeoPosition> fixes = parseAll(parser, fixture("ublox-walk.nmea"));

        assertThat(parser.counts()).isEqualTo(new NmeaCounts(20, 4, 26, 0, 0));
        GeoPosition rmc = fixes.get(0);
        assertThat(rmc.getLatDeg()).isCloseTo(47 + 22.614 / 60, within(1e-9));
        assertThat(rmc.getLonDeg()).isCloseTo(8 + 32.502 / 60, within(1e-9));
        assertThat(rmc.getAltKnown()).isFalse();
        assertThat(rmc.getSpeedMps()).isCloseTo(2.571 * 1852 / 3600, within(1e-9));
        assertThat(rmc.getHeadingDeg()).isEqualTo(38.52);
        assertThat(rmc.getObservedAt().getSeconds()).isEqualTo(Instant.parse("2026-11-28T11:00:00Z").getEpochSecond());
        assertThat(rmc.getSource()).isEqualTo("nmea");

        GeoPosition gga = fixes.get(1); // same second: GGA adds height and HDOP to RMC's speed/course
        assertThat(gga.getAltKnown()).isTrue();
        assertThat(gga.getAltM()).isCloseTo(408.3 + 48.0, within(1e-9));
        assertThat(gga.getAccuracyM()).isCloseTo(1.01 * 5, within(1e-9));
        assertThat(gga.getSpeedMps()).isEqualTo(rmc.getSpeedMps());
        assertThat(gga.getObservedAt()).isEqualTo(rmc.getObservedAt());

        GeoPosition last = fixes.get(fixes.size() - 1);
        assertThat(last.getObservedAt().getSeconds()).isEqualTo(Instant.parse("2026-11-28T11:00:09Z").getEpochSecond());
        assertThat(last.getLatDeg()).isGreaterThan(rmc.getLatDeg());
    }

    @Test
    void noisySerialCaptureCountsEveryBadLineAndKeepsTheGoodOnes() throws IOException {
        NmeaParser parser = new NmeaParser(CLOCK);
        List<GeoPosition> fixes = parseAll(parser, fixture("noisy-serial.nmea"));

        assertThat(parser.counts()).isEqualTo(new NmeaCounts(4, 2, 1, 5, 7));
        assertThat(fixes).hasSize(4);
        GeoPosition first = fixes.get(0); // GGA behind UBX junk, date from the clock
        assertThat(first.getLatDeg()).isCloseTo(-(33 + 52.1284 / 60), within(1e-9));
        assertThat(first.getLonDeg()).isCloseTo(151 + 12.5752 / 60, within(1e-9));
        assertThat(first.getAccuracyM()).isCloseTo(0.80 * 2, within(1e-9)); // DGPS
        assertThat(first.getObservedAt().getSeconds()).isEqualTo(Instant.parse("2026-11-28T12:00:02Z").getEpochSecond());
        assertThat(fixes.get(3).getHeadingDeg()).isEqualTo(271.3);
    }

    @Test
    void ggaAfterMidnightTakesTheNextDayFromTheLastRmc() {
        NmeaParser parser = new NmeaParser(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
        parser.parse(sentence("GPRMC,235959.50,A,4722.61400,N,00832.50200,E,0.0,,281126,,,A"));
        Optional<GeoPosition> gga = parser.parse(sentence("GPGGA,000000.00,4722.61400,N,00832.50200,E,1,08,1.0,408.3,M,48.0,M,,"));
        assertThat(gga).isPresent();
        assertThat(gga.get().getObservedAt().getSeconds()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z").getEpochSecond());
    }

    @Test
    void heightIsUnknownWithoutGeoidSeparationAndWestIsNegative() {
        NmeaParser parser = new NmeaParser(CLOCK);
        GeoPosition fix = parser.parse(sentence("GPGGA,120000,4043.5000,N,07400.0000,W,1,05,2.0,12.0,M,,M,,")).orElseThrow();
        assertThat(fix.getAltKnown()).isFalse();
        assertThat(fix.getLonDeg()).isEqualTo(-74.0);
        assertThat(fix.getLatDeg()).isCloseTo(40.725, within(1e-12));
    }

    @Test
    void checksumIsRequiredAndCaseInsensitive() {
        NmeaParser parser = new NmeaParser(CLOCK);
        String valid = sentence("GPGGA,120000,4043.5000,N,07400.0000,W,1,05,2.0,12.0,M,-34.2,M,,");
        assertThat(parser.parse(valid.toLowerCase().replace("$gpgga", "$GPGGA").replace(",n,", ",N,").replace(",w,", ",W,")
                .replace(",m,", ",M,"))).isPresent();
        assertThat(parser.parse(valid.substring(0, valid.indexOf('*')))).isEmpty();
        assertThat(parser.counts().badChecksum()).isEqualTo(1);
    }

    @Test
    void randomAndMutatedLinesNeverThrowAndAreAllCounted() throws IOException {
        NmeaParser parser = new NmeaParser(CLOCK);
        List<String> valid = fixture("ublox-walk.nmea");
        Random random = new Random(5);
        long nonBlank = 0;
        for (int i = 0; i < 20_000; i++) {
            String line;
            if (i % 2 == 0) {
                char[] chars = new char[random.nextInt(120)];
                for (int c = 0; c < chars.length; c++) {
                    chars[c] = (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(256));
                }
                line = (random.nextBoolean() ? "$" : "") + new String(chars);
            } else {
                char[] chars = valid.get(random.nextInt(valid.size())).toCharArray();
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits && chars.length > 0; e++) {
                    chars[random.nextInt(chars.length)] = ",.*$-0123456789NSEWAVX".charAt(random.nextInt(22));
                }
                line = new String(chars, 0, random.nextInt(chars.length + 1));
            }
            if (!line.strip().isEmpty()) {
                nonBlank++;
            }
            parser.parse(line);
        }
        assertThat(parser.counts().total()).isEqualTo(nonBlank);
        assertThat(parser.counts().badChecksum() + parser.counts().malformed()).isGreaterThan(nonBlank / 2);
    }

    static String sentence(String body) {
        int sum = 0;
        for (char c : body.toCharArray()) {
            sum ^= c;
        }
        return String.format("$%s*%02X", body, sum);
    }
}
