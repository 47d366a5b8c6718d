package org.rescuemesh.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.MessageState;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.RelayMessage;
import org.rescuemesh.proto.v1.RelayReceipt;

/** The forwarding core in virtual time with real journals: partitions, expiry, priorities, duplicates. */
class RelayCoreTest {

    @TempDir
    Path dir;
    private VirtualField field;

    @AfterEach
    void close() throws Exception {
        if (field != null) {
            field.close();
        }
    }

    private VirtualField field(RelayConfig config) throws Exception {
        field = new VirtualField(dir, config);
        field.add("A", "alpha", NodeKind.NODE_KIND_AGENT);
        field.add("B", "bravo", NodeKind.NODE_KIND_AGENT);
        field.add("C", "charlie", NodeKind.NODE_KIND_AGENT);
        return field;
    }

    static RelayMessage draft(String id, String to, MessagePriority p, int lifetimeS) {
        return RelayMessage.newBuilder().setMessageId(id).setTo(to).setPriority(p).setText("water needed at " + id)
                .setLifetimeS(lifetimeS).build();
    }

    private static BiPair pairs(String... pairs) {
        return new BiPair(Set.of(pairs));
    }

    /** Symmetric contact set: "AB" means A and B hear each other. */
    record BiPair(Set<String> pairs) {
        boolean test(String a, String b) {
            return pairs.contains(a + b) || pairs.contains(b + a);
        }
    }

    @Test
    void carrierWalkingBetweenSplitHalvesDeliversAndBringsReceiptsBack() throws Exception {
        VirtualField f = field(RelayConfig.lan());
        long t0 = f.now;
        // B is with A for 10 s, walks to C (20..30 s), then back to A (40..50 s); A and C never meet
        f.contact = (a, b) -> {
            long t = f.now - t0;
            BiPair now = t < 10_000 || t >= 40_000 && t < 50_000 ? pairs("AB")
                    : t >= 20_000 && t < 30_000 ? pairs("BC") : pairs();
            return now.test(a, b);
        };
        StoredMessage sent = f.cores.get("A").submit(draft("m-1", "node:C", MessagePriority.MESSAGE_PRIORITY_URGENT, 3600), f.now);
        assertThat(sent.state(f.now)).isEqualTo(MessageState.MESSAGE_STATE_ACCEPTED);

        f.runUntil(t0 + 10_000, 500);
        assertThat(f.cores.get("A").message("m-1").orElseThrow().state(f.now)).isEqualTo(MessageState.MESSAGE_STATE_FORWARDED);
        assertThat(f.cores.get("B").message("m-1")).isPresent();
        assertThat(f.cores.get("C").inbound()).isEmpty();

        f.runUntil(t0 + 30_000, 500);
        StoredMessage atC = f.cores.get("C").inbound().get(0);
        assertThat(atC.message().getText()).isEqualTo("water needed at m-1");
        assertThat(atC.message().getPathList()).containsExactly("A", "B");
        assertThat(atC.receivedFrom()).isEqualTo("B");
        // still split from C: A only knows the custody
        assertThat(f.cores.get("A").message("m-1").orElseThrow().state(f.now)).isEqualTo(MessageState.MESSAGE_STATE_FORWARDED);

        f.runUntil(t0 + 50_000, 500);
        StoredMessage atA = f.cores.get("A").message("m-1").orElseThrow();
        assertThat(atA.state(f.now)).isEqualTo(MessageState.MESSAGE_STATE_DELIVERED);
        assertThat(atA.receipts()).extracting(RelayReceipt::getById, RelayReceipt::getState).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("B", MessageState.MESSAGE_STATE_FORWARDED),
                org.assertj.core.groups.Tuple.tuple("C", MessageState.MESSAGE_STATE_DELIVERED));
        assertThat(f.relayHops("A", "C")).isZero();
        // delivered once; B stopped offering it after C's receipt
        assertThat(f.relayHops("B", "C")).isEqualTo(1);
        assertThat(f.cores.get("C").stats().received()).isEqualTo(1);
    }

    @Test
    void directDeliveryNeedsNoCarrier() throws Exception {
        VirtualField f = field(RelayConfig.lan());
        f.contact = (a, b) -> true;
        f.cores.get("A").submit(draft("m-2", "node:C", MessagePriority.MESSAGE_PRIORITY_ROUTINE, 600), f.now);
        f.runUntil(f.now + 2_000, 500);
        assertThat(f.cores.get("A").message("m-2").orElseThrow().state(f.now)).isEqualTo(MessageState.MESSAGE_STATE_DELIVERED);
        assertThat(f.relayHops("A", "B")).isZero();
        assertThat(f.cores.get("B").message("m-2")).isEmpty();
    }

    @Test
    void messageExpiresAtTheOriginAndIsNotDeliveredLate() throws Exception {
        VirtualField f = field(RelayConfig.lan());
        long t0 = f.now;
        // B takes custody at once, meets C only after the 5 s lifetime
        f.contact = (a, b) -> {
            long t = f.now - t0;
            return (t < 3_000 ? pairs("AB") : t >= 8_000 ? pairs("BC") : pairs()).test(a, b);
        };
        f.cores.get("A").submit(draft("m-3", "node:C", MessagePriority.MESSAGE_PRIORITY_SOS, 5), f.now);
        f.runUntil(t0 + 4_000, 500);
        assertThat(f.cores.get("A").message("m-3").orElseThrow().state(f.now)).isEqualTo(MessageState.MESSAGE_STATE_FORWARDED);
        f.runUntil(t0 + 15_000, 500);
        assertThat(f.cores.get("A").message("m-3").orElseThrow().state(f.now)).isEqualTo(MessageState.MESSAGE_STATE_EXPIRED);
        assertThat(f.cores.get("C").inbound()).isEmpty();
        assertThat(f.relayHops("B", "C")).isZero();

        // a stale copy handed over late is refused as expired
        RelayMessage stale = f.cores.get("B").message("m-3").orElseThrow().message();
        assertThat(f.cores.get("C").onRelay("B", stale, f.now)).isEmpty();
        assertThat(f.cores.get("C").stats().expiredOnArrival()).isEqualTo(1);
    }

    @Test
    void sosGoesFirstThenUrgentThenRoutine() throws Exception {
        VirtualField f = field(RelayConfig.lan().withSendsPerTick(1));
        f.contact = (a, b) -> true;
        RelayCore a = f.cores.get("A");
        a.submit(draft("routine", "node:C", MessagePriority.MESSAGE_PRIORITY_ROUTINE, 600), f.now);
        a.submit(draft("urgent", "node:C", MessagePriority.MESSAGE_PRIORITY_URGENT, 600), f.now + 1);
        a.submit(draft("sos", "node:C", MessagePriority.MESSAGE_PRIORITY_SOS, 600), f.now + 2);
        f.runUntil(f.now + 1_500, 500);
        List<String> order = f.delivered.stream().filter(h -> h.message().hasRelay())
                .map(h -> h.message().getRelay().getMessageId()).toList();
        assertThat(order).containsExactly("sos", "urgent", "routine");
    }

    @Test
    void duplicatesAreStoredOnceAndAnsweredAgain() throws Exception {
        VirtualField f = field(RelayConfig.lan());
        RelayCore a = f.cores.get("A");
        RelayCore c = f.cores.get("C");
        a.submit(draft("m-4", "node:C", MessagePriority.MESSAGE_PRIORITY_ROUTINE, 600), f.now);
        RelayMessage wire = a.message("m-4").orElseThrow().message().toBuilder().setHopsLeft(7).addPath("A").build();
        long journalBefore = f.journals.get("C").size();
        List<RelayOut> first = c.onRelay("A", wire, f.now);
        long journalAfterFirst = f.journals.get("C").size();
        List<RelayOut> second = c.onRelay("A", wire, f.now + 10);
        List<RelayOut> viaB = c.onRelay("B", wire, f.now + 20);

        assertThat(journalAfterFirst).isGreaterThan(journalBefore);
        assertThat(f.journals.get("C").size()).isEqualTo(journalAfterFirst);
        assertThat(c.inbound()).hasSize(1);
        assertThat(c.stats().duplicates()).isEqualTo(2);
        for (List<RelayOut> answer : List.of(first, second, viaB)) {
            assertThat(answer).singleElement().satisfies(o -> {
                GossipMessage g = o.message();
                assertThat(g.getReceipt().getState()).isEqualTo(MessageState.MESSAGE_STATE_DELIVERED);
                assertThat(g.getReceipt().getById()).isEqualTo("C");
            });
        }
        // the same receipt twice at the origin is one receipt
        a.onReceipt("C", first.get(0).message().getReceipt(), f.now);
        a.onReceipt("C", first.get(0).message().getReceipt(), f.now);
        assertThat(a.message("m-4").orElseThrow().receipts()).hasSize(1);
    }

    @Test
    void teamMessageReachesEveryMemberOfTheTeamOnly() throws Exception {
        field = new VirtualField(dir, RelayConfig.lan());
        VirtualField f = field;
        f.add("A", "alpha", NodeKind.NODE_KIND_AGENT);
        f.add("B", "rescue", NodeKind.NODE_KIND_AGENT);
        f.add("C", "rescue", NodeKind.NODE_KIND_AGENT);
        f.add("D", "medics", NodeKind.NODE_KIND_AGENT);
        f.add("K", "command", NodeKind.NODE_KIND_COORDINATOR);
        f.contact = (a, b) -> true;
        f.cores.get("A").submit(draft("t-1", "team:rescue", MessagePriority.MESSAGE_PRIORITY_URGENT, 600), f.now);
        f.cores.get("A").submit(draft("k-1", "coordinator", MessagePriority.MESSAGE_PRIORITY_URGENT, 600), f.now);
        f.runUntil(f.now + 3_000, 500);
        assertThat(f.cores.get("B").inbound()).extracting(StoredMessage::id).containsExactly("t-1");
        assertThat(f.cores.get("C").inbound()).extracting(StoredMessage::id).containsExactly("t-1");
        assertThat(f.cores.get("D").inbound()).isEmpty();
        assertThat(f.cores.get("K").inbound()).extracting(StoredMessage::id).containsExactly("k-1");
        assertThat(f.cores.get("D").message("t-1")).isEmpty();
        assertThat(f.cores.get("A").message("t-1").orElseThrow().state(f.now)).isEqualTo(MessageState.MESSAGE_STATE_DELIVERED);
    }

    @Test
    void custodyGoesToTheBestMeasuredLinksWithinTheCopyBudget() throws Exception {
        field = new VirtualField(dir, RelayConfig.lan().withSprayCopies(2));
        VirtualField f = field;
        for (String id : List.of("A", "B", "C", "D", "X")) {
            f.add(id, "t", NodeKind.NODE_KIND_AGENT);
        }
        f.etx.put("A>B", 3.0);
        f.etx.put("A>C", 1.1);
        f.etx.put("A>D", 1.4);
        f.contact = (a, b) -> !a.equals("X") && !b.equals("X");
        f.cores.get("A").submit(draft("s-1", "node:X", MessagePriority.MESSAGE_PRIORITY_ROUTINE, 600), f.now);
        f.runUntil(f.now + 5_000, 500);
        assertThat(f.cores.get("C").message("s-1")).isPresent();
        assertThat(f.cores.get("D").message("s-1")).isPresent();
        assertThat(f.cores.get("B").message("s-1")).isEmpty();
        assertThat(f.cores.get("A").message("s-1").orElseThrow().carriers()).isEqualTo(2);
        // carriers wait for the recipient: no carrier hands it to another carrier
        assertThat(f.relayHops("C", "D") + f.relayHops("D", "C") + f.relayHops("C", "B") + f.relayHops("D", "B")).isZero();
    }

    @Test
    void aMessageFromAnotherNetworkIsKeptAcrossARestartAndForwardedWhenNotForThisNode() throws Exception {
        VirtualField f = field(RelayConfig.lan());
        f.contact = (a, b) -> pairs("AB").test(a, b);
        RelayMessage fromRadio = draft("meshtastic-1234abcd-00000001", "node:A", MessagePriority.MESSAGE_PRIORITY_SOS, 3600)
                .toBuilder().setFromId("meshtastic:1234abcd").setHopsLeft(4)
                .setCreatedAt(com.google.protobuf.util.Timestamps.fromMillis(f.now)).build();
        StoredMessage atA = f.cores.get("A").onGateway(fromRadio, f.now);
        assertThat(atA.inbound()).isTrue();
        assertThat(f.cores.get("A").inbound()).extracting(StoredMessage::id).containsExactly("meshtastic-1234abcd-00000001");
        // heard again (the radio repeats it): held once
        assertThat(f.cores.get("A").onGateway(fromRadio, f.now + 1_000).receivedAtMs()).isEqualTo(atA.receivedAtMs());
        assertThat(f.cores.get("A").stats().duplicates()).isEqualTo(1);

        f.crash("A");
        f.open("A");
        assertThat(f.cores.get("A").inbound()).extracting(s -> s.message().getText()).containsExactly(fromRadio.getText());

        // addressed to someone else: carried on like any hand-over
        f.cores.get("A").onGateway(fromRadio.toBuilder().setMessageId("meshtastic-1234abcd-00000002").setTo("node:B").build(), f.now);
        f.runUntil(f.now + 2_000, 500);
        assertThat(f.cores.get("B").inbound()).extracting(StoredMessage::id).containsExactly("meshtastic-1234abcd-00000002");

        assertThatThrownBy(() -> f.cores.get("A").onGateway(fromRadio.toBuilder().setMessageId("m-x").setFromId("A").build(), f.now))
                .hasMessageContaining("names this node itself");
        assertThatThrownBy(() -> f.cores.get("A").onGateway(fromRadio.toBuilder().setMessageId("m-y").setLifetimeS(0).build(), f.now))
                .hasMessageContaining("lifetime");
        assertThatThrownBy(() -> f.cores.get("A").onGateway(fromRadio.toBuilder().setMessageId("m-z").setLifetimeS(1)
                .setCreatedAt(com.google.protobuf.util.Timestamps.fromMillis(f.now - 60_000)).build(), f.now))
                .hasMessageContaining("expired before it arrived");
    }

    @Test
    void carrierThatCrashesAfterCustodyStillDeliversAfterRestart() throws Exception {
        VirtualField f = field(RelayConfig.lan());
        long t0 = f.now;
        f.contact = (a, b) -> (f.now - t0 < 3_000 ? pairs("AB") : f.now - t0 >= 10_000 ? pairs("BC") : pairs()).test(a, b);
        f.cores.get("A").submit(draft("m-5", "node:C", MessagePriority.MESSAGE_PRIORITY_ROUTINE, 600), f.now);
        f.runUntil(t0 + 3_000, 500);
        assertThat(f.cores.get("B").message("m-5")).isPresent();
        f.crash("B");
        f.runUntil(t0 + 6_000, 500);
        f.open("B");
        f.runUntil(t0 + 12_000, 500);
        assertThat(f.cores.get("C").inbound()).extracting(StoredMessage::id).containsExactly("m-5");
    }

    @Test
    void malformedHandOversAreRefusedWithoutAReceipt() throws Exception {
        VirtualField f = field(RelayConfig.lan());
        RelayCore c = f.cores.get("C");
        RelayMessage good = RelayMessage.newBuilder().setMessageId("x").setFromId("A").setTo("node:C")
                .setPriority(MessagePriority.MESSAGE_PRIORITY_ROUTINE).setLifetimeS(60)
                .setCreatedAt(com.google.protobuf.util.Timestamps.fromMillis(f.now)).setHopsLeft(3).build();
        assertThat(c.onRelay("A", good.toBuilder().setTo("nobody").build(), f.now)).isEmpty();
        assertThat(c.onRelay("A", good.toBuilder().setText("x".repeat(4097)).build(), f.now)).isEmpty();
        assertThat(c.onRelay("A", good.toBuilder().setAttachment(ByteString.copyFrom(new byte[65_537])).build(), f.now)).isEmpty();
        assertThat(c.onRelay("A", good.toBuilder().setLifetimeS(0).build(), f.now)).isEmpty();
        assertThat(c.onRelay("A", good.toBuilder().setMessageId("").build(), f.now)).isEmpty();
        assertThat(c.stats().refused()).isEqualTo(5);
        assertThat(c.held()).isZero();
        assertThat(c.onRelay("A", good, f.now)).hasSize(1);
        // the API side refuses a message to itself
        assertThatThrownBy(() -> f.cores.get("A").submit(draft("y", "node:A", MessagePriority.MESSAGE_PRIORITY_SOS, 60), f.now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itself");
    }

    @Test
    void aMemberThatNeverAnswersIsRetriedLessAndLessOften() throws Exception {
        VirtualField f = field(RelayConfig.lan().withRetryMs(1_000));
        RelayCore a = f.cores.get("A");
        a.submit(draft("k-2", "node:B", MessagePriority.MESSAGE_PRIORITY_ROUTINE, 3600), f.now);
        // B is alive in A's membership but has no message store: nothing ever comes back
        List<org.rescuemesh.agent.mesh.MemberView> members = List.of(new org.rescuemesh.agent.mesh.MemberView("B",
                org.rescuemesh.proto.v1.NodeStatus.NODE_STATUS_ALIVE, 1, "b:1", f.profiles.get("B"),
                org.rescuemesh.agent.mesh.LinkMetrics.UNKNOWN));
        long t0 = f.now;
        List<Long> sendTimes = new java.util.ArrayList<>();
        for (long t = t0; t <= t0 + 60_000; t += 250) {
            if (!a.tick(members, t).isEmpty()) {
                sendTimes.add((t - t0) / 1000);
            }
        }
        assertThat(sendTimes).containsExactly(0L, 1L, 3L, 7L, 15L, 31L);
    }

    @Test
    void recipientAliveOnlyThroughIndirectProbesIsReachedThroughACarrier() throws Exception {
        VirtualField f = field(RelayConfig.lan().withRetryMs(500));
        // A and C cannot hear each other, but B relays their probes: everyone looks alive to everyone
        f.contact = (a, b) -> !(a + b).equals("AC") && !(a + b).equals("CA");
        f.seesAlive = (a, b) -> true;
        f.cores.get("A").submit(draft("i-1", "node:C", MessagePriority.MESSAGE_PRIORITY_URGENT, 600), f.now);
        f.runUntil(f.now + 10_000, 250);
        StoredMessage atA = f.cores.get("A").message("i-1").orElseThrow();
        assertThat(atA.state(f.now)).isEqualTo(MessageState.MESSAGE_STATE_DELIVERED);
        assertThat(f.cores.get("C").inbound().get(0).message().getPathList()).containsExactly("A", "B");
        assertThat(f.relayHops("A", "C")).isZero(); // sent, never arrived
    }

    @Test
    void broadcastCostsOneSendPerMemberAndRecipientsCarryItToLatecomers() throws Exception {
        field = new VirtualField(dir, RelayConfig.lan());
        VirtualField f = field;
        for (String id : List.of("A", "B", "C", "D", "E", "X")) {
            f.add(id, "t", NodeKind.NODE_KIND_AGENT);
        }
        long t0 = f.now;
        // X is away at first; later it meets only D
        f.contact = (a, b) -> {
            boolean withX = a.equals("X") || b.equals("X");
            return !withX || f.now - t0 >= 10_000 && (a + b).contains("D");
        };
        f.cores.get("A").submit(draft("b-1", "broadcast", MessagePriority.MESSAGE_PRIORITY_URGENT, 600), f.now);
        f.runUntil(t0 + 5_000, 250);
        long relays = f.delivered.stream().filter(h -> h.message().hasRelay()).count();
        assertThat(relays).isEqualTo(4); // A to B, C, D, E; recipients do not send to each other
        for (String id : List.of("B", "C", "D", "E")) {
            assertThat(f.cores.get(id).inbound()).as(id).hasSize(1);
        }
        f.runUntil(t0 + 15_000, 250);
        assertThat(f.cores.get("X").inbound()).extracting(StoredMessage::receivedFrom).containsExactly("D");
    }
}
