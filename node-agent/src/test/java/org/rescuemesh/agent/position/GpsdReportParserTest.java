package org.rescuemesh.agent.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;

class GpsdReportParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:30Z"), ZoneOffset.UTC);
    private static final String TPV = "{\"class\":\"TPV\",\"device\":\"/dev/ttyACM0\",\"mode\":3,"
            + "\"time\":\"2026-11-28T12:00:05.000Z\",\"lat\":47.376912345,\"lon\":8.541698765,"
            + "\"altHAE\":456.312,\"epx\":2.714,\"epy\":3.102,\"track\":212.4,\"speed\":1.287}";

    @Test
    void fieldsAreValidatedNotTrusted() {
        GpsdReportParser parser = new GpsdReportParser(CLOCK);
        assertThat(parser.parse(TPV)).isPresent();
        assertThat(parser.parse(TPV).get().getAccuracyM()).as("max of epx/epy without eph").isEqualTo(3.102);
        assertThat(parser.parse(TPV.replace("47.376912345", "147.3"))).isEmpty();
        assertThat(parser.parse(TPV.replace("47.376912345", "\"47.3\""))).isEmpty();
        assertThat(parser.parse(TPV.replace("2026-11-28T12:00:05.000Z", "yesterday"))).isEmpty();
        GeoPosition noTime = parser.parse(TPV.replace("\"time\":\"2026-11-28T12:00:05.000Z\",", "")).orElseThrow();
        assertThat(noTime.getObservedAt().getSeconds()).isEqualTo(CLOCK.instant().getEpochSecond());
        assertThat(parser.parse("[1,2,3]")).isEmpty();
        assertThat(parser.parse("")).isEmpty();
        assertThat(parser.counts()).isEqualTo(new GpsdCounts(3, 0, 0, 5));
    }

    @Test
    void mutatedReportsNeverThrowAndAreAllCounted() {
        GpsdReportParser parser = new GpsdReportParser(CLOCK);
        Random random = new Random(4);
        String alphabet = "{}[]\":,.-0123456789eE tTPVmodelatnux\\";
        int lines = 20_000;
        for (int i = 0; i < lines; i++) {
            char[] text = TPV.toCharArray();
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            parser.parse(new String(text, 0, 1 + random.nextInt(text.length)));
        }
        GpsdCounts counts = parser.counts();
        assertThat(counts.fixes() + counts.noFix() + counts.otherReports() + counts.bad()).isEqualTo(lines);
        assertThat(counts.bad()).isPositive();
    }
}
