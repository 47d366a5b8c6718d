package org.rescuemesh.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.LinkReport;

class IwStationDumpParserTest {

    @Test
    void meshStationDumpWithHtVhtAndHeRates() {
        LinkParse<WifiStation> parsed = IwStationDumpParser.parse(LinkFixtures.read("iw-station-dump-mesh.txt"));
        assertThat(parsed.skippedLines()).isZero();
        assertThat(parsed.rows()).hasSize(3);

        WifiStation near = parsed.rows().get(0);
        assertThat(near.address()).isEqualTo("02:ba:7a:df:00:02");
        assertThat(near.interfaceName()).isEqualTo("mesh0");
        assertThat(near.inactive()).contains(Duration.ofMillis(304));
        assertThat(near.signalDbm()).hasValue(-58);
        assertThat(near.signalAvgDbm()).hasValue(-57);
        assertThat(near.txBitrateKbps()).hasValue(65_000);
        assertThat(near.rxBitrateKbps()).hasValue(58_500);
        assertThat(near.expectedThroughputKbps()).hasValue(29_479);
        assertThat(near.txPackets()).hasValue(4312);
        assertThat(near.txRetries()).hasValue(102);
        assertThat(near.txFailed()).hasValue(3);

        WifiStation fast = parsed.rows().get(2);
        assertThat(fast.txBitrateKbps()).hasValue(866_700);
        assertThat(fast.rxBitrateKbps()).hasValue(1_200_900);

        LinkReport report = parsed.rows().get(1).toSample().applyTo(LinkReport.newBuilder().setPeerId("team-b-01")
                .setRttMs(12.5)).build();
        assertThat(report.getRssiDbm()).isEqualTo(-82);
        assertThat(report.getHasRssi()).isTrue();
        assertThat(report.getBitrateKbps()).isEqualTo(6_500);
        assertThat(report.getRttMs()).as("measured fields untouched").isEqualTo(12.5);
    }

    @Test
    void ibssDumpFromAnOlderDriverWithAMissingSignal() {
        LinkParse<WifiStation> parsed = IwStationDumpParser.parse(LinkFixtures.read("iw-station-dump-ibss.txt"));
        assertThat(parsed.skippedLines()).isZero();
        WifiStation first = parsed.rows().get(0);
        assertThat(first.signalAvgDbm()).isEmpty();
        assertThat(first.toSample().rssiDbm()).hasValue(-67);
        assertThat(first.txBitrateKbps()).hasValue(54_000);
        WifiStation silent = parsed.rows().get(1);
        assertThat(silent.signalDbm()).as("0 dBm is the driver's 'unknown'").isEmpty();
        assertThat(silent.inactive()).contains(Duration.ofMillis(91_020));
        assertThat(silent.toSample().applyTo(LinkReport.newBuilder()).getHasRssi()).isFalse();
    }

    @Test
    void garbageAndBrokenValuesAreCountedNotFatal() {
        String output = "garbage before any station\n"
                + "Station 02:ba:7a:df:00:09 (on mesh0)\n"
                + "\tsignal:\tstrong dBm\n"
                + "\ttx bitrate:\tfast\n"
                + "\tinactive time:\t12 ms\n"
                + "\ttx failed:\t-1\n"
                + "\tsome future key:\t42 widgets\n";
        LinkParse<WifiStation> parsed = IwStationDumpParser.parse(output);
        assertThat(parsed.skippedLines()).isEqualTo(4);
        assertThat(parsed.rows()).hasSize(1);
        assertThat(parsed.rows().get(0).inactive()).contains(Duration.ofMillis(12));
        assertThat(parsed.rows().get(0).signalDbm()).isEmpty();
        assertThat(IwStationDumpParser.parse("")).isEqualTo(new LinkParse<WifiStation>(java.util.List.of(), 0));
    }

    @Test
    void samplesFromIwAndBatctlCombinePerPeer() {
        LinkSample iw = IwStationDumpParser.parse(LinkFixtures.read("iw-station-dump-mesh.txt")).rows().get(0).toSample();
        LinkSample batman = BatctlParser.directLinks(BatctlParser.originators(
                LinkFixtures.read("batctl-o-batman-iv.txt")).rows()).get(0);
        LinkSample combined = iw.combine(batman);
        LinkReport report = combined.applyTo(LinkReport.newBuilder()).build();
        assertThat(report.getRssiDbm()).isEqualTo(-57);
        assertThat(report.getBitrateKbps()).isEqualTo(65_000);
        assertThat(report.getBatmanTq()).isEqualTo(251);
        assertThat(combined.lastSeen()).contains(Duration.ofMillis(304));
    }
}
