package org.rescuemesh.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.LinkReport;

class BatctlParserTest {

    @Test
    void neighboursBatmanIv() {
        LinkParse<BatmanNeighbour> parsed = BatctlParser.neighbours(LinkFixtures.read("batctl-n-batman-iv.txt"));
        assertThat(parsed.skippedLines()).isZero();
        assertThat(parsed.rows()).containsExactly(
                new BatmanNeighbour("mesh0", "02:ba:7a:df:00:02", Duration.ofMillis(560), OptionalDouble.empty()),
                new BatmanNeighbour("mesh0", "02:ba:7a:df:00:03", Duration.ofMillis(1230), OptionalDouble.empty()),
                new BatmanNeighbour("eth1", "02:ba:7a:df:00:03", Duration.ofMillis(20), OptionalDouble.empty()),
                new BatmanNeighbour("mesh0", "02:ba:7a:df:00:04", Duration.ofMillis(14870), OptionalDouble.empty()));
    }

    @Test
    void neighboursBatmanVCarryThroughputInKbps() {
        LinkParse<BatmanNeighbour> parsed = BatctlParser.neighbours(LinkFixtures.read("batctl-n-batman-v.txt"));
        assertThat(parsed.skippedLines()).isZero();
        assertThat(parsed.rows()).hasSize(3);
        BatmanNeighbour slow = parsed.rows().get(1);
        assertThat(slow.address()).isEqualTo("02:ba:7a:df:00:03");
        assertThat(slow.lastSeen()).isEqualTo(Duration.ofMillis(760));
        assertThat(slow.throughputKbps()).hasValue(6500.0);
        assertThat(parsed.rows().get(2).interfaceName()).isEqualTo("eth1");
        assertThat(parsed.rows().get(2).throughputKbps()).hasValue(866_700.0);
    }

    @Test
    void originatorsBatmanIvGiveTqOfDirectRoutesOnly() {
        LinkParse<BatmanOriginator> parsed = BatctlParser.originators(LinkFixtures.read("batctl-o-batman-iv.txt"));
        assertThat(parsed.skippedLines()).isZero();
        assertThat(parsed.rows()).hasSize(7);
        BatmanOriginator viaOther = parsed.rows().get(1);
        assertThat(viaOther.selected()).isFalse();
        assertThat(viaOther.isDirect()).isFalse();
        assertThat(viaOther.tq()).hasValue(198);

        List<LinkSample> direct = BatctlParser.directLinks(parsed.rows());
        // :02 direct 251; :03 direct on eth1 (255) beats mesh0 (212); :04 direct (23) though routed via :02;
        // :09 is only reachable through :03, so it is no link of ours.
        assertThat(direct).extracting(LinkSample::peerAddress)
                .containsExactly("02:ba:7a:df:00:02", "02:ba:7a:df:00:03", "02:ba:7a:df:00:04");
        assertThat(direct).extracting(LinkSample::batmanTq)
                .containsExactly(OptionalInt.of(251), OptionalInt.of(255), OptionalInt.of(23));
        assertThat(direct.get(1).interfaceName()).isEqualTo("eth1");
    }

    @Test
    void originatorsBatmanVGiveThroughput() {
        LinkParse<BatmanOriginator> parsed = BatctlParser.originators(LinkFixtures.read("batctl-o-batman-v.txt"));
        assertThat(parsed.skippedLines()).isZero();
        assertThat(parsed.rows()).allMatch(o -> o.tq().isEmpty() && o.selected());
        List<LinkSample> direct = BatctlParser.directLinks(parsed.rows());
        assertThat(direct).hasSize(2);
        assertThat(direct.get(0).throughputKbps()).hasValue(54_000.0);
        LinkReport report = direct.get(0).applyTo(LinkReport.newBuilder().setPeerId("team-a-02")).build();
        assertThat(report.getBitrateKbps()).isEqualTo(54_000.0);
        assertThat(report.getBatmanTq()).isZero();
        assertThat(report.getHasRssi()).isFalse();
    }

    @Test
    void legacyDebugfsLayoutWithPotentialNexthops() {
        LinkParse<BatmanOriginator> parsed = BatctlParser.originators(LinkFixtures.read("batctl-o-debugfs-2016.txt"));
        assertThat(parsed.skippedLines()).isZero();
        assertThat(parsed.rows()).hasSize(3);
        assertThat(BatctlParser.directLinks(parsed.rows())).extracting(LinkSample::batmanTq)
                .containsExactly(OptionalInt.of(250), OptionalInt.of(231));
        assertThat(parsed.rows().get(2).nextHop()).isEqualTo("a2:f1:07:3c:00:33");
    }

    @Test
    void unknownLinesAreCountedAndEmptyTablesAreFine() {
        String output = "[B.A.T.M.A.N. adv 2023.1, MainIF/MAC: mesh0/02:ba:7a:df:00:01 (bat0/5e:71:3c:0a:2b:11 BATMAN_IV)]\n"
                + "IF             Neighbor              last-seen\n"
                + "No batman nodes in range ...\n";
        assertThat(BatctlParser.neighbours(output)).isEqualTo(new LinkParse<BatmanNeighbour>(List.of(), 0));
        LinkParse<BatmanOriginator> odd = BatctlParser.originators(
                " * 02:ba:7a:df:00:02    0.560s   (999) 02:ba:7a:df:00:02 [     mesh0]\nsomething new\n");
        assertThat(odd.rows()).isEmpty();
        assertThat(odd.skippedLines()).isEqualTo(2);
    }
}
