package org.rescuemesh.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.agent.mesh.LinkMetrics;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.MemberState;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;
import org.rescuemesh.proto.v1.Suspect;

class SwimNodeTest {

    private static VirtualNetwork cluster(int n, GossipConfig config, long seed) {
        VirtualNetwork net = new VirtualNetwork(config, 0, seed);
        for (int i = 0; i < n; i++) {
            net.add("n" + i);
        }
        net.joinAllThrough(net.nodes.get(0));
        return net;
    }

    private static NodeStatus status(SwimNode observer, SwimNode member) {
        MemberState m = observer.member(member.id());
        return m == null ? null : m.getStatus();
    }

    private static boolean allSee(VirtualNetwork net, SwimNode member, NodeStatus status) {
        for (SwimNode n : net.nodes) {
            if (n != member && !net.down.contains(n.address()) && status(n, member) != status) {
                return false;
            }
        }
        return true;
    }

    /**
     * Two members; {@code victim} crashes at {@code killAtMs}; returns how many pings the other
     * sent it before raising its suspicion (each probe round sends a ping and, when unanswered,
     * a retry with the ping-reqs).
     */
    private static int pingsBeforeSuspicion(GossipConfig config, long killAtMs) {
        VirtualNetwork net = cluster(2, config, 5);
        SwimNode prober = net.nodes.get(0);
        SwimNode victim = net.nodes.get(1);
        net.runUntil(killAtMs);
        assertThat(prober.liveCount()).isEqualTo(2);
        net.kill(victim);
        int from = net.sent.size();
        while (prober.stats().suspicionsRaised == 0 && net.now < killAtMs + 100 * config.probeIntervalMs()) {
            net.runUntil(net.now + 10);
        }
        assertThat(prober.stats().suspicionsRaised).isEqualTo(1);
        int pings = 0;
        for (VirtualNetwork.Sent sent : net.sent.subList(from, net.sent.size())) {
            if (sent.from().equals(prober.address()) && sent.datagram().address().equals(victim.address())) {
                pings += (int) sent.datagram().envelope().getMessagesList().stream().filter(GossipMessage::hasPing).count();
            }
        }
        return pings;
    }

    @Test
    void aNodeWithFewRoundsMeasuredProbesTwiceBeforeSuspecting() {
        // (a round already under way at the crash may add its retry ping: one more at most)
        // 3 s in, the prober has measured only a couple of rounds: whatever they showed, it
        // acts as on a lossy network and needs two failed rounds (4 pings)
        assertThat(pingsBeforeSuspicion(GossipConfig.lan(), 3_000)).isBetween(4, 5);
        // after 60 answered rounds the network is known to be clean: one failed round suffices
        assertThat(pingsBeforeSuspicion(GossipConfig.lan(), 60_000)).isBetween(2, 3);
    }

    @Test
    void joinsThroughSeedAndConverges() {
        VirtualNetwork net = cluster(8, GossipConfig.lan(), 1);
        net.runUntil(15_000);
        for (SwimNode n : net.nodes) {
            assertThat(n.liveCount()).as("live members seen by %s", n.id()).isEqualTo(8);
        }
    }

    @Test
    void crashedMemberIsSuspectedThenDeclaredDeadWithinLifeguardBounds() {
        VirtualNetwork net = cluster(8, GossipConfig.lan(), 2);
        net.runUntil(15_000);
        SwimNode victim = net.nodes.get(5);
        net.kill(victim);
        long killedAt = net.now;
        // min timeout for n = 8: α·max(1, log10 8)·1 s = 4 s; max = 6·min = 24 s
        net.runUntil(killedAt + 3_500);
        assertThat(allSee(net, victim, NodeStatus.NODE_STATUS_DEAD)).isFalse();
        long deadline = killedAt + 8 * 1_000 + 24_000 + 5_000;
        while (net.now < deadline && !allSee(net, victim, NodeStatus.NODE_STATUS_DEAD)) {
            net.runUntil(net.now + 250);
        }
        assertThat(allSee(net, victim, NodeStatus.NODE_STATUS_DEAD)).isTrue();
        for (SwimNode n : net.nodes) {
            if (n != victim) {
                assertThat(n.liveCount()).isEqualTo(7);
            }
        }
    }

    @Test
    void suspectedMemberRefutesWithHigherIncarnation() {
        VirtualNetwork net = cluster(5, GossipConfig.lan(), 3);
        net.runUntil(10_000);
        SwimNode accused = net.nodes.get(3);
        long before = accused.incarnation();
        Suspect s = Suspect.newBuilder().setNodeId(accused.id()).setIncarnation(before).setFromId("n1").build();
        Envelope frame = Envelope.newBuilder().setVersion(1).setSenderId("n1").setFrameSeq(999)
                .addMessages(GossipMessage.newBuilder().setSuspect(s)).build();
        List<Datagram> out = accused.onMessage(net.nodes.get(1).address(), frame, net.now);
        assertThat(accused.incarnation()).isEqualTo(before + 1);
        assertThat(accused.stats().refutations).isEqualTo(1);
        // the refutation goes straight back to the accuser
        assertThat(out).anySatisfy(d -> {
            assertThat(d.address()).isEqualTo(net.nodes.get(1).address());
            assertThat(d.envelope().getMessagesList()).anySatisfy(m ->
                    assertThat(m.getAlive().getIncarnation()).isEqualTo(before + 1));
        });
        net.send(accused.address(), out);
        net.runUntil(net.now + 5_000);
        for (SwimNode n : net.nodes) {
            if (n != accused) {
                MemberState m = n.member(accused.id());
                assertThat(m.getStatus()).isEqualTo(NodeStatus.NODE_STATUS_ALIVE);
                assertThat(m.getIncarnation()).isEqualTo(before + 1);
            }
        }
    }

    @Test
    void refutationStopsTheSuspicionTimerAtOnce() {
        VirtualNetwork net = cluster(5, GossipConfig.lan(), 4);
        net.runUntil(10_000);
        SwimNode accused = net.nodes.get(3);
        SwimNode listener = net.nodes.get(0);
        Suspect s = Suspect.newBuilder().setNodeId(accused.id()).setIncarnation(accused.incarnation())
                .setFromId("n1").build();
        Envelope frame = Envelope.newBuilder().setVersion(1).setSenderId("n1").setFrameSeq(999)
                .addMessages(GossipMessage.newBuilder().setSuspect(s)).build();
        net.send(net.nodes.get(1).address(), listener.onMessage(net.nodes.get(1).address(), frame, net.now));
        assertThat(listener.runningSuspicions()).isEqualTo(1);
        assertThat(status(listener, accused)).isEqualTo(NodeStatus.NODE_STATUS_SUSPECT);
        // the suspicion reaches the accused by gossip; its refutation comes back long before the
        // 4 s minimum timeout, and the timer goes with it (not at its deadline)
        long start = net.now;
        while (net.now < start + 3_000 && status(listener, accused) != NodeStatus.NODE_STATUS_ALIVE) {
            net.runUntil(net.now + 50);
        }
        assertThat(status(listener, accused)).isEqualTo(NodeStatus.NODE_STATUS_ALIVE);
        assertThat(listener.runningSuspicions()).isZero();
        assertThat(accused.stats().refutations).isEqualTo(1);
    }

    @Test
    void probeOfSuspectCarriesTheSuspicion() {
        VirtualNetwork net = cluster(4, GossipConfig.lan(), 4);
        net.runUntil(8_000);
        SwimNode prober = net.nodes.get(0);
        SwimNode target = net.nodes.get(2);
        // make the prober suspect the target without the target hearing of it
        Suspect s = Suspect.newBuilder().setNodeId(target.id()).setIncarnation(target.incarnation())
                .setFromId("n3").build();
        prober.onMessage(net.nodes.get(3).address(), Envelope.newBuilder().setVersion(1).setSenderId("n3")
                .addMessages(GossipMessage.newBuilder().setSuspect(s)).build(), net.now);
        assertThat(status(prober, target)).isEqualTo(NodeStatus.NODE_STATUS_SUSPECT);
        // drive the prober alone (nothing delivered) until it probes the suspect
        boolean stapled = false;
        long t = net.now;
        for (int step = 0; step < 400 && !stapled; step++) {
            t = Math.max(t + 1, prober.nextDeadlineMs());
            for (Datagram d : prober.tick(t)) {
                List<GossipMessage> msgs = d.envelope().getMessagesList();
                if (d.address().equals(target.address()) && msgs.stream().anyMatch(GossipMessage::hasPing)) {
                    assertThat(msgs.get(0).hasSuspect()).as("suspicion first in the probe frame").isTrue();
                    assertThat(msgs.get(0).getSuspect().getNodeId()).isEqualTo(target.id());
                    assertThat(msgs.get(1).getPing().getTargetId()).isEqualTo(target.id());
                    stapled = true;
                }
            }
        }
        assertThat(stapled).as("the suspect was probed").isTrue();
    }

    @Test
    void gracefulLeaveIsSeenAsLeft() {
        VirtualNetwork net = cluster(6, GossipConfig.lan(), 5);
        net.runUntil(10_000);
        SwimNode leaver = net.nodes.get(4);
        net.send(leaver.address(), leaver.leave(net.now));
        net.runUntil(net.now + 2_000);
        net.kill(leaver);
        net.runUntil(net.now + 3_000);
        assertThat(allSee(net, leaver, NodeStatus.NODE_STATUS_LEFT)).isTrue();
    }

    @Test
    void splitHalvesDeclareEachOtherDeadAndMergeAfterHeal() {
        VirtualNetwork net = cluster(8, GossipConfig.lan(), 6);
        net.runUntil(12_000);
        List<String> left = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            left.add(net.nodes.get(i).address());
        }
        net.drop = link -> left.contains(link[0]) != left.contains(link[1]);
        net.runUntil(net.now + 60_000);
        for (SwimNode n : net.nodes) {
            assertThat(n.liveCount()).as("%s during the split", n.id()).isEqualTo(4);
        }
        net.drop = link -> false;
        long healedAt = net.now;
        while (net.now < healedAt + 60_000 && net.nodes.stream().anyMatch(n -> n.liveCount() != 8)) {
            net.runUntil(net.now + 500);
        }
        for (SwimNode n : net.nodes) {
            assertThat(n.liveCount()).as("%s after the heal", n.id()).isEqualTo(8);
        }
    }

    @Test
    void everyLoraFrameFitsTwoHundredBytesWithSealing() {
        GossipConfig lora = GossipConfig.lora();
        VirtualNetwork net = new VirtualNetwork(lora, 29, 7);
        for (int i = 0; i < 12; i++) {
            net.add("lora-node-" + i);
        }
        net.joinAllThrough(net.nodes.get(0));
        net.latencyMs = 300;
        net.runUntil(3_600_000);
        // many state changes with positions: the queue holds more than one frame can carry
        for (SwimNode n : net.nodes) {
            n.publishLocalState(NodeState.newBuilder().setNodeId(n.id()).setName("Rescue squad " + n.id())
                    .setTeam("usar-alpha").setBatteryPct(87.5).setStatusText("searching sector 4").build(), net.now);
        }
        net.runUntil(net.now + 3_600_000);
        assertThat(net.sent).isNotEmpty();
        int largest = 0;
        for (VirtualNetwork.Sent s : net.sent) {
            largest = Math.max(largest, s.datagram().envelope().getSerializedSize() + 29);
        }
        assertThat(largest).isLessThanOrEqualTo(200).isGreaterThan(100);
        for (SwimNode n : net.nodes) {
            assertThat(n.liveCount()).isEqualTo(12);
            // 1 % of an hour is 36 s of airtime; two hours here
            assertThat(n.airtimeSpentMs()).isLessThan(2 * 36_000);
        }
    }

    @Test
    void probesMeasureAsymmetricLinks() {
        VirtualNetwork net = new VirtualNetwork(GossipConfig.lan(), 0, 8);
        SwimNode a = net.add("a");
        SwimNode b = net.add("b");
        net.joinAllThrough(a);
        java.util.SplittableRandom lossy = new java.util.SplittableRandom(99);
        // 30 % of a → b datagrams lost, b → a clean
        net.drop = link -> link[0].equals(a.address()) && link[1].equals(b.address()) && lossy.nextDouble() < 0.3;
        net.latencyMs = 5;
        net.runUntil(120_000);
        LinkMetrics ab = a.linkTo("b");
        assertThat(ab.deliveryForward()).isBetween(0.5, 0.9);
        assertThat(ab.deliveryReverse()).isGreaterThan(0.95);
        assertThat(ab.etx()).isBetween(1.1, 2.0);
        assertThat(ab.rttMs()).isBetween(9.0, 11.0);
        assertThat(ab.lastHeardMs()).isGreaterThan(110_000);
        LinkMetrics ba = b.linkTo("a");
        assertThat(ba.deliveryReverse()).isBetween(0.5, 0.9);
        assertThat(ba.deliveryForward()).isGreaterThan(0.95);
    }

    @Test
    void unhealthyNodeRaisesItsOwnAwarenessInsteadOfAccusingOthers() {
        VirtualNetwork net = cluster(6, GossipConfig.lan(), 9);
        net.runUntil(10_000);
        SwimNode deaf = net.nodes.get(2);
        // everything towards the node is lost: its probes never come back, relays never nack
        net.drop = link -> link[1].equals(deaf.address());
        net.runUntil(net.now + 6_000);
        assertThat(deaf.awarenessScore()).isGreaterThanOrEqualTo(3);
    }
}
