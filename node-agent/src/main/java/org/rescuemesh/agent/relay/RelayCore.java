package org.rescuemesh.agent.relay;

import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.MessageState;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;
import org.rescuemesh.proto.v1.RelayMessage;
import org.rescuemesh.proto.v1.RelayReceipt;

/**
 * Store-carry-forward of messages over a mesh that splits and heals (sans-I/O: fed with
 * messages, the membership and a clock; returns what to send). Single-threaded.
 *
 * <p>Each tick, for every live message, SOS first, then urgent, then routine (older first):
 * <ul>
 * <li>a recipient alive in the membership gets it directly (and is sent it again every retry
 *     interval until its DELIVERED receipt arrives);</li>
 * <li>when a recipient is not alive, or alive but has not answered three direct sends (SWIM
 *     keeps a member alive through indirect probes, so alive is not always reachable), the origin hands custody to up to {@code sprayCopies}
 *     live members with the best measured ETX (source spray-and-wait): each persists it and
 *     answers FORWARDED; carriers then hand it only to recipients they meet. Nobody listed in the
 *     message's {@code path} is offered it again, and {@code hops_left} bounds the hand-overs;</li>
 * <li>receipts travel back: to the origin when it is alive, else to live members on the path
 *     (which carried the message and so know the origin) — backwards only, so they cannot loop.</li>
 * </ul>
 * Recipients of team, coordinator and broadcast messages carry them on to the other recipients
 * they meet later (not to those around when it arrived: the sender serves those). Every message and receipt is journaled before it is acknowledged; duplicates (same
 * message_id) are answered with the receipt again and not stored twice.
 */
public final class RelayCore {

    private static final Logger LOG = Logger.getLogger(RelayCore.class.getName());
    private static final Comparator<StoredMessage> FORWARDING_ORDER = Comparator
            .comparingInt((StoredMessage s) -> -s.message().getPriorityValue())
            .thenComparingLong(s -> Timestamps.toMillis(s.message().getCreatedAt()))
            .thenComparing(StoredMessage::id);

    /** Direct sends to an alive recipient left unanswered before carriers are sought as well. */
    static final int UNANSWERED_BEFORE_CARRIERS = 3;

    private final String selfId;
    private final NodeState selfProfile;
    private final RelayConfig config;
    private final MessageJournal journal;
    private final Map<String, StoredMessage> messages = new HashMap<>();
    /** A copy sent to a member and not yet answered by a receipt. */
    private record Offer(long atMs, int attempts) {
    }

    /** message id → member → the copy waiting for its receipt. */
    private final Map<String, Map<String, Offer>> offers = new HashMap<>();
    /** multicast message received here → members alive at its first tick here (not restored after a restart). */
    private final Map<String, Set<String>> aroundAtArrival = new HashMap<>();
    /** member → receipt key → sends while the member stayed alive. */
    private final Map<String, Map<String, Integer>> receiptSends = new HashMap<>();
    private long accepted, received, duplicates, refused, expiredOnArrival, handOvers, receiptsSent,
            receiptsLearned, storeFailures, compactions;
    private final long journalTailBytes;

    /**
     * @param selfProfile this node's team and kind (what team and coordinator destinations match)
     * @param journal     an open journal; its replay becomes the starting state
     */
    public RelayCore(String selfId, NodeState selfProfile, RelayConfig config, MessageJournal journal) {
        this.selfId = selfId;
        this.selfProfile = selfProfile;
        this.config = config;
        this.journal = journal;
        MessageJournal.Replay replay = journal.replayed();
        this.journalTailBytes = replay.droppedBytes();
        for (JournalEntry e : replay.entries()) {
            try {
                apply(e);
            } catch (IllegalArgumentException bad) {
                // checked before it was written; a record this version cannot read is skipped, not fatal
                refused++;
                LOG.warning("journal record skipped: " + bad.getMessage());
            }
        }
    }

    private void apply(JournalEntry e) {
        if (e instanceof JournalEntry.Stored s) {
            messages.putIfAbsent(s.message().getMessageId(), new StoredMessage(s.message(), s.origin(), s.inbound(),
                    s.receivedFrom(), s.receivedAtMs(), List.of()));
        } else if (e instanceof JournalEntry.Receipt r) {
            messages.computeIfPresent(r.receipt().getMessageId(), (k, m) -> m.withReceipt(r.receipt()));
        }
    }

    // ------------------------------------------------------------------ inputs

    /**
     * Accepts a message from the local API: completes it (origin, creation time, hop budget),
     * checks it and journals it. When this returns the message is on disk.
     *
     * @param draft id, to, text, priority, lifetime and optional position/attachment
     * @throws IllegalArgumentException when the message breaks a rule
     * @throws IOException              when it could not be made durable (it is then not kept)
     */
    public StoredMessage submit(RelayMessage draft, long nowMs) throws IOException {
        RelayMessage m = draft.toBuilder().setFromId(selfId).setCreatedAt(Timestamps.fromMillis(nowMs))
                .setHopsLeft(config.hopLimit()).clearPath().build();
        MessageRules.check(m);
        if (messages.containsKey(m.getMessageId())) {
            throw new IllegalArgumentException("message id " + m.getMessageId() + " is already used");
        }
        if (Destination.parse(m.getTo()).equals(new Destination(Destination.Kind.NODE, selfId))) {
            throw new IllegalArgumentException("'to' names this node itself");
        }
        JournalEntry.Stored entry = new JournalEntry.Stored(m, true, false, "", nowMs);
        try {
            journal.append(List.of(entry));
        } catch (IOException e) {
            storeFailures++;
            throw e;
        }
        accepted++;
        StoredMessage s = new StoredMessage(m, true, false, "", nowMs, List.of());
        messages.put(s.id(), s);
        return s;
    }

    /** A member handed a message over: store it (custody or delivery) and answer with a receipt. */
    public List<RelayOut> onRelay(String fromPeer, RelayMessage m, long nowMs) {
        try {
            MessageRules.check(m);
        } catch (IllegalArgumentException e) {
            refused++;
            LOG.fine(() -> "refused relay message from " + fromPeer + ": " + e.getMessage());
            return List.of();
        }
        StoredMessage known = messages.get(m.getMessageId());
        if (known != null) {
            duplicates++;
            List<RelayOut> out = new ArrayList<>();
            for (RelayReceipt r : known.receipts()) {
                if (r.getById().equals(selfId)) {
                    out.add(receiptTo(fromPeer, r));
                }
            }
            return out;
        }
        if (m.getFromId().equals(selfId)) {
            // our own message came back without our record of it (journal lost): do not adopt it
            refused++;
            return List.of();
        }
        if (new StoredMessage(m, false, false, fromPeer, nowMs, List.of()).expired(nowMs)) {
            expiredOnArrival++;
            return List.of();
        }
        try {
            return List.of(receiptTo(fromPeer, adopt(fromPeer, m, nowMs).receipts().get(0)));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot store message " + m.getMessageId() + ": refusing it", e);
            return List.of(receiptTo(fromPeer, RelayReceipt.newBuilder().setMessageId(m.getMessageId()).setById(selfId)
                    .setState(MessageState.MESSAGE_STATE_FAILED).setAt(Timestamps.fromMillis(nowMs)).build()));
        }
    }

    /**
     * A message that reached this node over another network (a Meshtastic radio's channel, say),
     * straight from its origin: stored and journaled like a hand-over, so it is listed and kept like
     * any arrival. There is no member to answer, so no receipt goes out. A message already held is
     * returned as it is.
     *
     * @throws IllegalArgumentException when the message breaks a rule or expired before it arrived
     * @throws IOException              when it could not be made durable (it is then not kept)
     */
    public StoredMessage onGateway(RelayMessage m, long nowMs) throws IOException {
        MessageRules.check(m);
        StoredMessage known = messages.get(m.getMessageId());
        if (known != null) {
            duplicates++;
            return known;
        }
        if (m.getFromId().equals(selfId)) {
            throw new IllegalArgumentException("from_id names this node itself");
        }
        if (new StoredMessage(m, false, false, m.getFromId(), nowMs, List.of()).expired(nowMs)) {
            expiredOnArrival++;
            throw new IllegalArgumentException("message " + m.getMessageId() + " expired before it arrived");
        }
        return adopt(m.getFromId(), m, nowMs);
    }

    /** Journals a message handed over by {@code fromPeer} with this node's receipt (delivered or forwarded). */
    private StoredMessage adopt(String fromPeer, RelayMessage m, long nowMs) throws IOException {
        boolean recipient = Destination.parse(m.getTo()).includes(selfId, selfProfile);
        RelayReceipt receipt = RelayReceipt.newBuilder().setMessageId(m.getMessageId()).setById(selfId)
                .setState(recipient ? MessageState.MESSAGE_STATE_DELIVERED : MessageState.MESSAGE_STATE_FORWARDED)
                .setAt(Timestamps.fromMillis(nowMs)).build();
        try {
            journal.append(List.of(new JournalEntry.Stored(m, false, recipient, fromPeer, nowMs),
                    new JournalEntry.Receipt(receipt)));
        } catch (IOException e) {
            storeFailures++;
            throw e;
        }
        received++;
        StoredMessage s = new StoredMessage(m, false, recipient, fromPeer, nowMs, List.of(receipt));
        messages.put(m.getMessageId(), s);
        return s;
    }

    /** A receipt about a message held here: journal it when new. */
    public void onReceipt(String fromPeer, RelayReceipt r, long nowMs) {
        StoredMessage m = messages.get(r.getMessageId());
        if (m == null || r.getById().isEmpty() || r.getState() == MessageState.MESSAGE_STATE_UNSPECIFIED
                || r.getState() == MessageState.UNRECOGNIZED || r.getState() == MessageState.MESSAGE_STATE_ACCEPTED
                || r.getState() == MessageState.MESSAGE_STATE_EXPIRED || m.hasReceipt(r.getById(), r.getState())) {
            return;
        }
        try {
            journal.append(List.of(new JournalEntry.Receipt(r)));
        } catch (IOException e) {
            // not stored: the sender sends it again, or the message is offered again and answered
            storeFailures++;
            LOG.log(Level.WARNING, "cannot store a receipt for " + r.getMessageId(), e);
            return;
        }
        receiptsLearned++;
        messages.put(m.id(), m.withReceipt(r));
        Map<String, Offer> pending = offers.get(m.id());
        if (pending != null) {
            pending.remove(r.getById());
        }
    }

    /**
     * Decides what to hand to whom given the membership now; also expires, forgets messages
     * past their retention and compacts the journal when it has grown.
     */
    public List<RelayOut> tick(List<MemberView> members, long nowMs) {
        Map<String, MemberView> alive = new HashMap<>();
        Map<String, MemberView> known = new HashMap<>();
        for (MemberView v : members) {
            if (!v.id().equals(selfId)) {
                known.put(v.id(), v);
                if (v.status() == NodeStatus.NODE_STATUS_ALIVE) {
                    alive.put(v.id(), v);
                }
            }
        }
        // a member that went away and came back gets the receipts again, and offers start afresh
        receiptSends.keySet().retainAll(alive.keySet());
        for (Map<String, Offer> pending : offers.values()) {
            pending.keySet().retainAll(alive.keySet());
        }
        forget(nowMs);

        List<StoredMessage> live = new ArrayList<>();
        for (StoredMessage s : messages.values()) {
            if (!s.expired(nowMs)) {
                live.add(s);
            }
        }
        live.sort(FORWARDING_ORDER);
        List<RelayOut> out = new ArrayList<>();
        int budget = config.sendsPerTick();
        for (StoredMessage s : live) {
            if (budget > 0) {
                budget -= handOver(s, alive, known, nowMs, out, budget);
            }
            sendReceiptsBack(s, alive, out);
        }
        maybeCompact();
        return out;
    }

    private int handOver(StoredMessage s, Map<String, MemberView> alive, Map<String, MemberView> known, long nowMs,
                         List<RelayOut> out, int budget) {
        RelayMessage m = s.message();
        // the recipient of a single-node message is its end; recipients of the others pass it on
        if (s.settled() || m.getHopsLeft() == 0 || s.inbound() && !s.destination().multicast()) {
            return 0;
        }
        Set<String> excluded = new HashSet<>(m.getPathList());
        excluded.add(m.getFromId());
        if (s.inbound()) {
            // a recipient of a team/coordinator/broadcast message serves only those who were not
            // around when it arrived: the member that handed it over reaches the others itself
            // (otherwise every recipient would send to every other one)
            excluded.addAll(aroundAtArrival.computeIfAbsent(s.id(), k -> Set.copyOf(alive.keySet())));
        }
        List<String> targets = new ArrayList<>();
        boolean recipientAlive = false;
        for (MemberView v : alive.values()) {
            if (s.destination().includes(v.id(), v.state()) && !excluded.contains(v.id())) {
                recipientAlive = true;
                if (!s.answeredBy(v.id())) {
                    targets.add(v.id());
                }
            }
        }
        targets.sort(null);
        Map<String, Offer> pending = offers.computeIfAbsent(s.id(), k -> new HashMap<>());
        // alive is not always reachable: SWIM keeps a member alive through indirect probes
        boolean directUnanswered = targets.stream().anyMatch(t -> pending.containsKey(t)
                && pending.get(t).attempts() >= UNANSWERED_BEFORE_CARRIERS);
        boolean someRecipientAway = s.destination().kind() != Destination.Kind.BROADCAST && (!recipientAlive
                || directUnanswered
                || known.values().stream().anyMatch(v -> v.status() != NodeStatus.NODE_STATUS_ALIVE
                        && s.destination().includes(v.id(), v.state())));
        if (s.origin() && someRecipientAway) {
            int copies = config.sprayCopies() - s.carriers();
            alive.values().stream()
                    .filter(v -> !excluded.contains(v.id()) && !s.answeredBy(v.id())
                            && !s.destination().includes(v.id(), v.state()))
                    .sorted(Comparator.comparingDouble((MemberView v) -> etxRank(v.link().etx()))
                            .thenComparing(MemberView::id))
                    .limit(Math.max(0, copies))
                    .forEach(v -> targets.add(v.id()));
        }
        if (targets.isEmpty()) {
            return 0;
        }
        RelayMessage copy = null;
        int sent = 0;
        for (String peer : targets) {
            Offer last = pending.get(peer);
            if (sent >= budget || last != null && nowMs - last.atMs() < retryAfter(last.attempts())) {
                continue;
            }
            if (copy == null) {
                copy = m.toBuilder().setHopsLeft(m.getHopsLeft() - 1).addPath(selfId).build();
            }
            pending.put(peer, new Offer(nowMs, last == null ? 1 : last.attempts() + 1));
            out.add(new RelayOut(peer, GossipMessage.newBuilder().setRelay(copy).build()));
            handOvers++;
            sent++;
        }
        return sent;
    }

    /**
     * Retry interval after {@code attempts} unanswered sends: doubling up to 32 times the base,
     * so a member that never answers (one without a message store) costs little.
     */
    private long retryAfter(int attempts) {
        return config.retryMs() << Math.min(attempts - 1, 5);
    }

    /** Unmeasured links rank after measured ones but are still usable. */
    private static double etxRank(double etx) {
        return Double.isFinite(etx) ? etx : 1e9;
    }

    private void sendReceiptsBack(StoredMessage s, Map<String, MemberView> alive, List<RelayOut> out) {
        if (s.origin() || s.receipts().isEmpty()) {
            return;
        }
        List<String> towards = new ArrayList<>();
        String origin = s.message().getFromId();
        if (alive.containsKey(origin)) {
            towards.add(origin);
        } else {
            for (String p : s.message().getPathList()) {
                if (alive.containsKey(p) && !p.equals(origin)) {
                    towards.add(p);
                }
            }
        }
        for (String peer : towards) {
            Map<String, Integer> sends = receiptSends.computeIfAbsent(peer, k -> new HashMap<>());
            for (RelayReceipt r : s.receipts()) {
                if (r.getById().equals(peer)) {
                    continue;
                }
                String key = r.getMessageId() + '\u0000' + r.getById() + '\u0000' + r.getStateValue();
                int n = sends.getOrDefault(key, 0);
                if (n < config.receiptTries()) {
                    sends.put(key, n + 1);
                    out.add(receiptTo(peer, r));
                }
            }
        }
    }

    private RelayOut receiptTo(String peer, RelayReceipt r) {
        receiptsSent++;
        return new RelayOut(peer, GossipMessage.newBuilder().setReceipt(r).build());
    }

    private void forget(long nowMs) {
        messages.values().removeIf(s -> nowMs >= s.expiresAtMs() + config.retentionMs());
        offers.keySet().retainAll(messages.keySet());
        aroundAtArrival.keySet().retainAll(messages.keySet());
        for (StoredMessage s : messages.values()) {
            if (s.settled() || s.expired(nowMs)) {
                offers.remove(s.id());
            }
        }
    }

    private void maybeCompact() {
        long size = journal.size();
        if (size < config.compactBytes() || size < 2 * liveBytes()) {
            return;
        }
        List<JournalEntry> liveEntries = new ArrayList<>();
        messages.values().stream().sorted(Comparator.comparingLong(StoredMessage::receivedAtMs)).forEach(s -> {
            liveEntries.add(new JournalEntry.Stored(s.message(), s.origin(), s.inbound(), s.receivedFrom(),
                    s.receivedAtMs()));
            s.receipts().forEach(r -> liveEntries.add(new JournalEntry.Receipt(r)));
        });
        try {
            journal.compact(liveEntries);
            compactions++;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "journal compaction failed; the old journal stays in use", e);
        }
    }

    /** What the journal would hold after a compaction (record headers and bodies of what is kept). */
    private long liveBytes() {
        long bytes = MessageJournal.MAGIC.length;
        for (StoredMessage s : messages.values()) {
            bytes += 8 + 12 + s.receivedFrom().length() + s.message().getSerializedSize();
            for (RelayReceipt r : s.receipts()) {
                bytes += 8 + 1 + r.getSerializedSize();
            }
        }
        return bytes;
    }

    // ------------------------------------------------------------------ queries

    public Optional<StoredMessage> message(String id) {
        return Optional.ofNullable(messages.get(id));
    }

    /** Messages for which this node is a recipient, newest first. */
    public List<StoredMessage> inbound() {
        return messages.values().stream().filter(StoredMessage::inbound)
                .sorted(Comparator.comparingLong(StoredMessage::receivedAtMs).reversed()).toList();
    }

    /** Messages accepted here from the local API, newest first. */
    public List<StoredMessage> outbound() {
        return messages.values().stream().filter(StoredMessage::origin)
                .sorted(Comparator.comparingLong(StoredMessage::receivedAtMs).reversed()).toList();
    }

    public int held() {
        return messages.size();
    }

    public RelayStats stats() {
        return new RelayStats(messages.size(), accepted, received, duplicates, refused, expiredOnArrival, handOvers, receiptsSent,
                receiptsLearned, storeFailures, journalTailBytes, compactions);
    }

    public String selfId() {
        return selfId;
    }
}
