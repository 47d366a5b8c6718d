package org.rescuemesh.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rescuemesh.agent.mesh.LinkMetrics;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/** Recorded batctl and iw outputs matched against members that gossip MACs. */
class RadioLinksTest {

    private static MemberView member(String id, NodeStatus status, String... macs) {
        NodeState.Builder s = NodeState.newBuilder().setNodeId(id);
        for (String mac : macs) {
            s.addMeshMacs(MacAddress.parse(mac).toByteString());
        }
        return new MemberView(id, status, 1, "127.0.0.1:1", s.build(), LinkMetrics.UNKNOWN);
    }

    /** Both fixtures of node 02:ba:7a:df:00:01, merged per MAC as the poller does. */
    private static Map<String, LinkSample> recordedSamples() {
        Map<String, LinkSample> samples = new LinkedHashMap<>();
        BatctlParser.directLinks(BatctlParser.originators(LinkFixtures.read("batctl-o-batman-iv.txt")).rows())
                .forEach(s -> samples.merge(s.peerAddress(), s, LinkSample::combine));
        IwStationDumpParser.parse(LinkFixtures.read("iw-station-dump-mesh.txt")).rows()
                .forEach(w -> samples.merge(w.address(), w.toSample(), LinkSample::combine));
        return samples;
    }

    private static final List<MacAddress> SELF = List.of(MacAddress.parse("02:ba:7a:df:00:01"));

    @Test
    void attachesEachSampleToTheMemberGossipingItsMacAndCountsTheRest() {
        List<MemberView> members = List.of(
                member("self", NodeStatus.NODE_STATUS_ALIVE, "02:ba:7a:df:00:01"),
                member("bravo", NodeStatus.NODE_STATUS_ALIVE, "02:ba:7a:df:00:02"),
                member("charlie", NodeStatus.NODE_STATUS_ALIVE, "02:ba:7a:df:00:03"),
                member("delta", NodeStatus.NODE_STATUS_ALIVE));
        RadioLinks radio = new RadioLinks();
        radio.accept(recordedSamples(), MacDirectory.of(members, "self", SELF), 1_000);

        LinkSample bravo = radio.reading("bravo").orElseThrow().sample();
        assertThat(bravo.batmanTq()).hasValue(251);
        assertThat(bravo.rssiDbm()).hasValue(-57);
        assertThat(bravo.txBitrateKbps()).hasValue(65_000);
        LinkSample charlie = radio.reading("charlie").orElseThrow().sample();
        assertThat(charlie.batmanTq()).as("best direct route: over the cable").hasValue(255);
        assertThat(charlie.rssiDbm()).hasValue(-82);
        assertThat(radio.reading("delta")).as("gossips no MAC").isEmpty();
        assertThat(radio.reading("self")).isEmpty();
        assertThat(radio.readings()).hasSize(2);

        RadioLinks.Counts counts = radio.counts();
        assertThat(counts.rounds()).isEqualTo(1);
        assertThat(counts.samplesAttached()).isEqualTo(2);
        // 00:04 (a direct batman route at TQ 23) and 00:05 (an iw station) run no agent here
        assertThat(counts.samplesUnknownMac()).isEqualTo(2);
        assertThat(counts.unknownMacs()).containsExactly("02:ba:7a:df:00:04", "02:ba:7a:df:00:05");
        assertThat(counts.lastRoundAtMs()).isEqualTo(1_000);

        radio.accept(recordedSamples(), MacDirectory.of(members, "self", SELF), 2_000);
        assertThat(radio.counts().samplesUnknownMac()).as("counted per round").isEqualTo(4);
    }

    @Test
    void aMemberHeardUnderTwoOfItsMacsGetsTheFieldsOfBoth() {
        // bravo's batman-adv originator is 00:02 (TQ, no signal); its second radio 00:05 shows in iw
        List<MemberView> members = List.of(member("bravo", NodeStatus.NODE_STATUS_ALIVE,
                "02:ba:7a:df:00:05", "02:ba:7a:df:00:02"));
        Map<String, LinkSample> samples = new LinkedHashMap<>();
        BatctlParser.directLinks(BatctlParser.originators(LinkFixtures.read("batctl-o-batman-iv.txt")).rows())
                .forEach(s -> samples.put(s.peerAddress(), s));
        IwStationDumpParser.parse(LinkFixtures.read("iw-station-dump-mesh.txt")).rows().stream()
                .filter(w -> w.address().equals("02:ba:7a:df:00:05"))
                .forEach(w -> samples.put(w.address(), w.toSample()));
        RadioLinks radio = new RadioLinks();
        radio.accept(samples, MacDirectory.of(members, "self", SELF), 5);
        LinkSample bravo = radio.reading("bravo").orElseThrow().sample();
        assertThat(bravo.batmanTq()).hasValue(251);
        assertThat(bravo.rssiDbm()).hasValue(-45);
        assertThat(bravo.peerAddress()).isEqualTo("02:ba:7a:df:00:02");
    }

    @Test
    void aMacClaimedByTwoLiveMembersIsAttachedToNeither() {
        List<MemberView> members = List.of(
                member("bravo", NodeStatus.NODE_STATUS_ALIVE, "02:ba:7a:df:00:02"),
                member("bravo-clone", NodeStatus.NODE_STATUS_SUSPECT, "02:ba:7a:df:00:02"),
                member("charlie-old", NodeStatus.NODE_STATUS_DEAD, "02:ba:7a:df:00:03"),
                member("charlie", NodeStatus.NODE_STATUS_ALIVE, "02:ba:7a:df:00:03"));
        RadioLinks radio = new RadioLinks();
        radio.accept(recordedSamples(), MacDirectory.of(members, "self", SELF), 5);
        assertThat(radio.reading("bravo")).isEmpty();
        assertThat(radio.reading("bravo-clone")).isEmpty();
        assertThat(radio.counts().samplesAmbiguousMac()).isEqualTo(1);
        assertThat(radio.reading("charlie")).as("the dead record of a restarted node loses").isPresent();
        assertThat(radio.reading("charlie-old")).isEmpty();
    }

    @Test
    void malformedGossipedMacsAndNamesInsteadOfMacsAreNeverAttached() {
        MemberView odd = new MemberView("odd", NodeStatus.NODE_STATUS_ALIVE, 1, "127.0.0.1:1",
                NodeState.newBuilder().setNodeId("odd").addMeshMacs(ByteString.copyFrom(new byte[]{2, 1, 2}))
                        .build(), LinkMetrics.UNKNOWN);
        MacDirectory directory = MacDirectory.of(List.of(odd), "self", SELF);
        assertThat(directory.malformedEntries()).isEqualTo(1);
        assertThat(directory.size()).isZero();
        // batctl without -n prints bat-hosts names
        Map<String, LinkSample> named = new LinkedHashMap<>();
        BatctlParser.directLinks(BatctlParser.originators(
                LinkFixtures.read("batctl-o-batman-iv.txt").replace("02:ba:7a:df:00:02", "node-bravo")).rows())
                .forEach(s -> named.put(s.peerAddress(), s));
        RadioLinks radio = new RadioLinks();
        radio.accept(named, directory, 5);
        assertThat(radio.readings()).isEmpty();
        assertThat(radio.counts().unknownMacs()).contains("node-bravo");
    }

    @Test
    void aRoundWithoutSamplesClearsTheReadings() {
        List<MemberView> members = List.of(member("bravo", NodeStatus.NODE_STATUS_ALIVE, "02:ba:7a:df:00:02"));
        RadioLinks radio = new RadioLinks();
        radio.accept(recordedSamples(), MacDirectory.of(members, "self", SELF), 5);
        assertThat(radio.reading("bravo")).isPresent();
        radio.accept(Map.of(), MacDirectory.of(members, "self", SELF), 6);
        assertThat(radio.reading("bravo")).as("a failed tool run leaves no stale figures").isEmpty();
    }
}
