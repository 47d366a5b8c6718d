package org.rescuemesh.gossip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.rescuemesh.agent.mesh.LinkMetrics;
import org.rescuemesh.gossip.transport.FrameCodec;
import org.rescuemesh.proto.v1.Ack;
import org.rescuemesh.proto.v1.Alive;
import org.rescuemesh.proto.v1.Dead;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.Leave;
import org.rescuemesh.proto.v1.MemberState;
import org.rescuemesh.proto.v1.Nack;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;
import org.rescuemesh.proto.v1.Ping;
import org.rescuemesh.proto.v1.PingReq;
import org.rescuemesh.proto.v1.PushPull;
import org.rescuemesh.proto.v1.Suspect;

/**
 * Sans-I/O SWIM + Lifeguard member. It owns no thread, socket or clock: the caller feeds it
 * received envelopes ({@link #onMessage}) and the time ({@link #tick}), and sends the
 * {@link Datagram}s it returns. {@link #nextDeadlineMs()} says when it next needs a tick. The
 * simulator and the Netty adapter drive this same class.
 *
 * <p>Protocol, following SWIM, Lifeguard and memberlist:
 * <ul>
 * <li>one probe per (awareness-scaled) period, targets in randomised round-robin order; a
 *     suspect target gets its suspicion stapled to the ping (buddy system) so it can refute at
 *     once, and about eight members that hear of a new suspicion probe the suspect out of turn
 *     (so even a LoRa cluster with probes minutes apart reaches it quickly);</li>
 * <li>no direct ack within the timeout: a second direct ping and ping-req through k members,
 *     who nack when the target is silent; missing nacks raise our own awareness score (we may be
 *     the slow one);</li>
 * <li>suspicion with incarnation numbers; the Lifeguard timer shrinks with confirmations;
 *     expiry declares the member dead; a member refutes with a higher incarnation;</li>
 * <li>updates piggyback on every frame and on gossip frames to {@code fanout} members, each
 *     sent λ·log n times, packed up to the frame budget;</li>
 * <li>push-pull full-state exchange (TCP) at a size-scaled interval; remote deaths merge as
 *     suspicions so that the accused can refute;</li>
 * <li>rejoin: periodically tell a random dead member "you are dead to me" (plus our Alive); if it
 *     is in fact alive (partition healed) it refutes directly back to us, and both halves merge.
 *     A frame from a member we hold dead triggers the same notice.</li>
 * </ul>
 */
public final class SwimNode {

    /** Smoothed direct-probe failure above which a failed round is repeated before suspecting. */
    private static final double LOSSY = 0.1;
    /** Expected number of members that probe a new suspect out of turn. */
    private static final double BUDDY_PROBERS = 8.0;

    private final GossipConfig config;
    private final String selfId;
    private final String selfAddress;
    private final NodeIdIndex index;
    private final MemberRecords records;
    private final int self;
    private final RandomGenerator random;
    private final int frameOverheadBytes;
    private final int envelopeBudget;
    private final MemberTable members = new MemberTable();
    private final BroadcastQueue queue;
    private final Awareness awareness;
    private final LinkTable links;
    private final ProbeOrder order;
    private final DutyCycleBudget dutyCycle;
    private final SuspicionTimers suspicions = new SuspicionTimers();
    private final List<IndirectProbe> relays = new ArrayList<>(4);
    private final java.util.ArrayDeque<Integer> buddyProbes = new java.util.ArrayDeque<>();
    private final Map<Integer, Long> noticeSentMs = new HashMap<>();
    private final List<String> seeds = new ArrayList<>();
    private final SwimStats stats = new SwimStats();
    private GossipListener listener = (previous, current, nowMs) -> { };

    private long incarnation;
    private NodeState localState = NodeState.getDefaultInstance();
    private long frameSeq;
    private long clockMs;
    private ProbeRound probe;
    private long nextProbeMs;
    private final long gossipPhaseMs;
    private long nextGossipMs;
    private long nextPushPullMs;
    private long nextReconnectMs;
    private boolean leaving;
    private boolean pushPullPhased;
    /** Smoothed fraction of probe rounds whose first direct ping went unanswered. */
    private final DirectProbeFailure directFailure = new DirectProbeFailure();
    /** Target whose probe round just failed once: probed again before it is suspected. */
    private int reprobe = -1;
    private boolean refutedInFrame;
    private boolean staleAboutSelf;
    private List<Datagram> out;
    private java.util.function.BiConsumer<String, GossipMessage> relaySink;

    /**
     * @param selfId             this node's id (unique in the mission)
     * @param selfAddress        "host:port" others reach this node at
     * @param config             protocol tunables
     * @param frameOverheadBytes bytes the frame codec adds (29 for AES-GCM sealing, 0 plain)
     * @param index              id ↔ slot dictionary (may be shared by simulated nodes)
     * @param random             randomness (seeded in the simulator)
     * @param nowMs              the clock at creation
     */
    public SwimNode(String selfId, String selfAddress, GossipConfig config, int frameOverheadBytes,
                    NodeIdIndex index, RandomGenerator random, long nowMs) {
        this(selfId, selfAddress, config, frameOverheadBytes, index, new MemberRecords(), random, nowMs);
    }

    /**
     * @param records builds and shares derived member records (one per simulator, shared by its
     *                nodes like {@code index}; behaviour does not depend on the sharing)
     */
    public SwimNode(String selfId, String selfAddress, GossipConfig config, int frameOverheadBytes,
                    NodeIdIndex index, MemberRecords records, RandomGenerator random, long nowMs) {
        if (selfId == null || selfId.isEmpty()) {
            throw new IllegalArgumentException("node id must not be empty");
        }
        this.config = config;
        this.selfId = selfId;
        this.selfAddress = selfAddress;
        this.index = index;
        this.records = records;
        this.self = index.slotOf(selfId);
        this.random = random;
        this.frameOverheadBytes = frameOverheadBytes;
        this.envelopeBudget = config.maxFrameBytes() - frameOverheadBytes - FrameBudget.envelopeHeaderBytes(selfId);
        if (envelopeBudget < 48) {
            throw new IllegalArgumentException("frame budget of " + config.maxFrameBytes() + " B leaves "
                    + envelopeBudget + " B for messages after codec overhead and header; need at least 48");
        }
        this.queue = new BroadcastQueue(config.maxQueueDepth());
        this.awareness = new Awareness(config.awarenessMax());
        this.links = new LinkTable(config.linkTablePeers(), random);
        this.order = new ProbeOrder(random);
        this.dutyCycle = new DutyCycleBudget(config.dutyCyclePermille(), config.loraSpreadingFactor());
        this.clockMs = nowMs;
        // frame counter starts at the clock: after a restart it is still above every frame the
        // previous life sent (replay windows keyed on it keep accepting us)
        this.frameSeq = Math.max(0, nowMs);
        // random phases so that simulated nodes started together do not act in lockstep
        this.nextProbeMs = nowMs + (long) (random.nextDouble() * config.probeIntervalMs());
        this.gossipPhaseMs = nowMs + (long) (random.nextDouble() * config.gossipIntervalMs());
        this.nextGossipMs = gossipPhaseMs;
        this.nextPushPullMs = config.pushPullIntervalMs() == 0 ? Long.MAX_VALUE
                : nowMs + (long) (random.nextDouble() * config.pushPullIntervalFor(1));
        this.nextReconnectMs = nowMs;
        members.put(self, selfRecord(), nowMs);
    }

    // ------------------------------------------------------------------ public API

    /** Store-and-forward traffic (relay, receipt) is not SWIM's: it goes here (sender id, message). */
    public void setRelaySink(java.util.function.BiConsumer<String, GossipMessage> sink) {
        this.relaySink = sink;
    }

    /** One frame of store-and-forward messages to {@code address}; over TCP when it exceeds the datagram budget. */
    public List<Datagram> sendRelay(String address, List<GossipMessage> messages, long nowMs) {
        begin(nowMs);
        Envelope e = envelope(messages.toArray(new GossipMessage[0]), messages.size());
        boolean stream = e.getSerializedSize() + frameOverheadBytes > config.maxFrameBytes();
        emit(new Datagram(address, e, stream), nowMs, !stream);
        return end();
    }

    public void setListener(GossipListener listener) {
        this.listener = listener == null ? (p, c, t) -> { } : listener;
    }

    /** Addresses ("host:port") to contact while this node knows no other live member. */
    public void addSeeds(List<String> addresses) {
        for (String a : addresses) {
            if (a != null && !a.isBlank() && !a.equals(selfAddress) && !seeds.contains(a)) {
                seeds.add(a);
            }
        }
    }

    /**
     * Adds a member known out of band without gossiping it (a simulator starting from a
     * converged cluster; a restored snapshot). Ignored when not newer than what is known.
     */
    public void bootstrap(MemberState record) {
        int slot = index.slotOf(record.getNodeId());
        if (slot == self) {
            return;
        }
        MemberState known = members.get(slot);
        if (known == null || record.getIncarnation() > known.getIncarnation()) {
            update(slot, record, clockMs);
        }
    }

    /** Replaces the state this node disseminates; bumps the incarnation so it supersedes. */
    public void publishLocalState(NodeState state, long nowMs) {
        clockMs = Math.max(clockMs, nowMs);
        localState = state == null ? NodeState.getDefaultInstance() : state;
        incarnation++;
        announceSelf(nowMs, false);
    }

    /** Leaves gracefully: announces it to some members now and keeps gossiping it on ticks. */
    public List<Datagram> leave(long nowMs) {
        begin(nowMs);
        if (!leaving) {
            leaving = true;
            probe = null;
            GossipMessage msg = GossipMessage.newBuilder()
                    .setLeave(Leave.newBuilder().setNodeId(selfId).setIncarnation(incarnation)).build();
            update(self, selfRecord().toBuilder().setStatus(NodeStatus.NODE_STATUS_LEFT).build(), nowMs);
            queue.enqueue(self, msg);
            for (int slot : members.randomMembers(config.gossipFanout() * 2, self, self, 0, nowMs, random)) {
                sendFrame(members.get(slot).getAddr(), msg, null, true, true);
            }
        }
        return end();
    }

    /** Handles one received envelope ({@code from} is the datagram's source "host:port"). */
    public List<Datagram> onMessage(String from, Envelope envelope, long nowMs) {
        begin(nowMs);
        String sender = envelope.getSenderId();
        if (sender.isEmpty() || sender.equals(selfId)) {
            stats.messagesIgnored++;
            return end();
        }
        stats.framesReceived++;
        int senderSlot = index.slotOf(sender);
        boolean senderWasKnown = members.get(senderSlot) != null;
        links.heardIfKnown(senderSlot, nowMs);
        refutedInFrame = false;
        staleAboutSelf = false;
        boolean stream = false;
        for (GossipMessage msg : envelope.getMessagesList()) {
            switch (msg.getBodyCase()) {
                case PING -> handlePing(from, senderSlot, msg.getPing(), nowMs);
                case ACK -> handleAck(senderSlot, msg.getAck(), nowMs);
                case NACK -> handleNack(senderSlot, msg.getNack());
                case PING_REQ -> handlePingReq(from, msg.getPingReq(), nowMs);
                case ALIVE -> handleAlive(msg.getAlive(), msg, nowMs);
                case SUSPECT -> handleSuspect(msg.getSuspect(), msg, nowMs);
                case DEAD -> handleDead(msg.getDead(), msg, nowMs);
                case LEAVE -> handleLeave(msg.getLeave(), msg, nowMs);
                case PUSH_PULL -> {
                    stream = true;
                    handlePushPull(sender, msg.getPushPull(), nowMs);
                }
                case RELAY, RECEIPT -> {
                    if (relaySink != null) relaySink.accept(sender, msg); else stats.messagesIgnored++;
                }
                default -> stats.messagesIgnored++;
            }
        }
        if (!stream && !leaving) {
            answerDirectly(from, senderSlot, senderWasKnown, nowMs);
        }
        return end();
    }

    /** Advances timers: probes, ping-req relays, suspicion expiry, gossip, push-pull, rejoin. */
    public List<Datagram> tick(long nowMs) {
        begin(nowMs);
        tickRelays(nowMs);
        if (probe != null) {
            if (!probe.acked && !probe.indirectSent && nowMs >= probe.indirectAtMs) {
                startIndirect(probe, nowMs);
            }
            if (nowMs >= probe.endMs) {
                finishProbe(nowMs);
            }
        }
        if (!leaving && probe == null && nowMs >= nextProbeMs) {
            startProbe(nowMs);
        }
        expireSuspicions(nowMs);
        if (!queue.isEmpty() && nowMs >= gossipDueMs()) {
            gossip(nowMs);
        }
        if (!queue.isEmpty() || nowMs >= nextGossipMs) {
            nextGossipMs = alignedGossipAfter(nowMs);
        }
        if (!leaving && nowMs >= nextPushPullMs && !pushPullPhased) {
            // first due time: spread this node's exchanges over the size-scaled interval, so
            // nodes started together do not all exchange full state at once
            pushPullPhased = true;
            long scaled = config.pushPullIntervalFor(members.liveCount());
            if (scaled > config.pushPullIntervalMs()) {
                nextPushPullMs = nowMs + (long) (random.nextDouble() * (scaled - config.pushPullIntervalMs()));
            }
        }
        if (!leaving && nowMs >= nextPushPullMs) {
            nextPushPullMs = nowMs + config.pushPullIntervalFor(members.liveCount());
            int[] peer = members.randomMembers(1, self, self, 0, nowMs, random);
            if (peer.length == 1) {
                sendPushPull(members.get(peer[0]).getAddr(), true, nowMs);
            }
        }
        if (!leaving && nowMs >= nextReconnectMs) {
            nextReconnectMs = nowMs + config.reconnectIntervalMs();
            reconnect(nowMs);
        }
        return end();
    }

    /** When this node next needs {@link #tick}; Long.MAX_VALUE when nothing is scheduled. */
    public long nextDeadlineMs() {
        long next = Long.MAX_VALUE;
        if (!leaving) {
            next = Math.min(nextReconnectMs, nextPushPullMs);
            if (probe == null) {
                next = Math.min(next, nextProbeMs);
            }
        }
        if (probe != null) {
            next = Math.min(next, probe.indirectSent || probe.acked ? probe.endMs
                    : Math.min(probe.indirectAtMs, probe.endMs));
        }
        for (IndirectProbe r : relays) {
            next = Math.min(next, r.wantNack && !r.nackSent ? r.nackAtMs : r.expiresMs);
            if (r.retrySeq == 0) {
                next = Math.min(next, r.retryAtMs);
            }
        }
        next = Math.min(next, suspicions.nextDeadlineMs());
        if (!queue.isEmpty()) {
            next = Math.min(next, gossipDueMs());
        }
        return next;
    }

    public String id() {
        return selfId;
    }

    public String address() {
        return selfAddress;
    }

    public long incarnation() {
        return incarnation;
    }

    public int awarenessScore() {
        return awareness.score();
    }

    public SwimStats stats() {
        return stats;
    }

    public GossipConfig config() {
        return config;
    }

    /** Alive or suspect members, this node included. */
    public int liveCount() {
        return members.liveCount();
    }

    /** The record of member {@code id}; null when unknown. */
    public MemberState member(String id) {
        int slot = index.find(id);
        return slot < 0 ? null : members.get(slot);
    }

    /** The record at {@code slot} of the shared index; null when unknown here. */
    public MemberState memberAt(int slot) {
        return members.get(slot);
    }

    /** Visits every known member, this node included. */
    public void forEachMember(Consumer<MemberState> visitor) {
        int n = members.capacity();
        for (int slot = 0; slot < n; slot++) {
            MemberState r = members.get(slot);
            if (r != null) {
                visitor.accept(r);
            }
        }
    }

    /** What the probes measured on the link to {@code id}; {@link LinkMetrics#UNKNOWN} when never measured. */
    public LinkMetrics linkTo(String id) {
        int slot = index.find(id);
        LinkEstimator e = slot < 0 ? null : links.peek(slot);
        return e == null ? LinkMetrics.UNKNOWN : e.metrics();
    }

    /** Suspicion timers running (members this node holds suspect and may declare dead). */
    public int runningSuspicions() {
        return suspicions.size();
    }

    /** Updates still waiting to be piggybacked. */
    public int queuedBroadcasts() {
        return queue.size();
    }

    /** Estimated radio airtime spent on frames sent, ms (LoRa formula at the profile's SF). */
    public double airtimeSpentMs() {
        return dutyCycle.spentMs();
    }

    /** Largest envelope payload (bytes) a frame may carry after codec overhead. */
    public int frameBudgetBytes() {
        return config.maxFrameBytes() - frameOverheadBytes;
    }

    // ------------------------------------------------------------------ receiving

    private void handlePing(String from, int senderSlot, Ping ping, long nowMs) {
        if (!ping.getTargetId().equals(selfId)) {
            // stale address: someone else now lives there
            stats.messagesIgnored++;
            return;
        }
        LinkEstimator senderLink = links.heard(senderSlot, nowMs);
        senderLink.pingHeard(Integer.toUnsignedLong(ping.getSeqNo()));
        Ack ack = Ack.newBuilder()
                .setSeqNo(ping.getSeqNo())
                .setEchoSentAtMs(ping.getSentAtMs())
                .setHeardCount(senderLink.heardCount())
                .setHeardWindow(senderLink.heardWindow())
                .build();
        sendFrame(from, GossipMessage.newBuilder().setAck(ack).build(), null, true, true);
    }

    private void handleAck(int senderSlot, Ack ack, long nowMs) {
        ProbeRound p = probe;
        if (p != null && !p.acked && senderSlot == p.target && p.retrySeq != 0 && ack.getSeqNo() == p.retrySeq) {
            LinkEstimator link = links.heard(p.target, nowMs);
            link.probeResult(true, nowMs - ack.getEchoSentAtMs());
            link.forwardReport(ack.getHeardCount(), ack.getHeardWindow());
            probeSucceeded(p, true);
            return;
        }
        if (p != null && !p.acked && ack.getSeqNo() == p.seq) {
            if (senderSlot == p.target) {
                LinkEstimator link = links.heard(p.target, nowMs);
                link.probeResult(true, nowMs - ack.getEchoSentAtMs());
                link.forwardReport(ack.getHeardCount(), ack.getHeardWindow());
                probeSucceeded(p, true);
                return;
            }
            if (p.isRelay(senderSlot)) {
                probeSucceeded(p, false);
                return;
            }
        }
        for (Iterator<IndirectProbe> it = relays.iterator(); it.hasNext(); ) {
            IndirectProbe r = it.next();
            if (r.target == senderSlot && (r.seq == ack.getSeqNo() || (r.retrySeq != 0 && r.retrySeq == ack.getSeqNo()))) {
                it.remove();
                LinkEstimator link = links.heard(r.target, nowMs);
                link.probeResult(true, nowMs - ack.getEchoSentAtMs());
                link.forwardReport(ack.getHeardCount(), ack.getHeardWindow());
                Ack forwarded = Ack.newBuilder().setSeqNo(r.originSeq).build();
                sendFrame(r.originAddress, GossipMessage.newBuilder().setAck(forwarded).build(), null, true, false);
                return;
            }
        }
        // a late ack (after its probe period ended) carries no decision any more
    }

    private void handleNack(int senderSlot, Nack nack) {
        ProbeRound p = probe;
        if (p != null && nack.getSeqNo() == p.seq && p.isRelay(senderSlot)) {
            p.nacks++;
            stats.nacksReceived++;
        }
    }

    private void handlePingReq(String from, PingReq req, long nowMs) {
        if (req.getTargetId().isEmpty() || req.getTargetAddr().isEmpty() || req.getTargetId().equals(selfId)) {
            stats.messagesIgnored++;
            return;
        }
        int target = index.slotOf(req.getTargetId());
        LinkEstimator link = links.get(target);
        int seq = link.nextPingSeq();
        Ping ping = Ping.newBuilder()
                .setSeqNo(seq)
                .setTargetId(req.getTargetId())
                .setSentAtMs(nowMs)
                .setSourceAddr(selfAddress)
                .build();
        long nackAt = nowMs + config.probeTimeoutMs() * 4 / 5;
        relays.add(new IndirectProbe(target, req.getTargetId(), req.getTargetAddr(), seq, from, req.getSeqNo(),
                nowMs + config.probeTimeoutMs() * 2 / 5, nackAt, nowMs + config.probeIntervalMs(), req.getWantNack()));
        sendFrame(req.getTargetAddr(), GossipMessage.newBuilder().setPing(ping).build(), null, true, false);
    }

    private void handleAlive(Alive alive, GossipMessage msg, long nowMs) {
        if (alive.getNodeId().isEmpty()) {
            stats.messagesIgnored++;
            return;
        }
        int slot = index.slotOf(alive.getNodeId());
        if (slot == self) {
            // an older life of ours claims a newer incarnation (restart): supersede it
            if (alive.getIncarnation() > incarnation && !leaving) {
                refute(alive.getIncarnation(), nowMs);
            }
            return;
        }
        MemberState known = members.get(slot);
        if (known != null && alive.getIncarnation() <= known.getIncarnation()) {
            return;
        }
        MemberState record = records.alive(slot, alive);
        update(slot, record, nowMs);
        // refutations get the same retransmits as other news: doubling them cost ~20 % of all
        // traffic at 30 % loss without a false death fewer (simulator runs in docs/bench/gossip.md)
        queue.enqueue(slot, msg);
    }

    private void handleSuspect(Suspect suspect, GossipMessage msg, long nowMs) {
        int slot = index.find(suspect.getNodeId());
        if (slot < 0) {
            return;
        }
        if (slot == self) {
            if (!leaving && suspect.getIncarnation() >= incarnation) {
                refute(suspect.getIncarnation(), nowMs);
            } else {
                staleAboutSelf = true;
            }
            return;
        }
        MemberState known = members.get(slot);
        if (known == null || suspect.getIncarnation() < known.getIncarnation()) {
            return;
        }
        if (known.getStatus() == NodeStatus.NODE_STATUS_SUSPECT) {
            SuspicionTimer timer = suspicions.get(slot);
            if (timer != null && suspect.getIncarnation() == timer.incarnation()) {
                if (timer.confirm(suspect.getFromId())) {
                    suspicions.deadlineMovedEarlier(timer);
                    queue.enqueue(slot, msg);
                }
                return;
            }
            if (suspect.getIncarnation() == known.getIncarnation()) {
                return;
            }
        } else if (known.getStatus() != NodeStatus.NODE_STATUS_ALIVE) {
            return;
        }
        MemberState record = records.withStatus(slot, known, suspect.getIncarnation(), NodeStatus.NODE_STATUS_SUSPECT);
        update(slot, record, nowMs);
        if (random.nextDouble() < BUDDY_PROBERS / Math.max(1, members.liveCount())) {
            // Lifeguard buddy system: a few members probe the suspect next, with the suspicion
            // stapled to the ping, instead of waiting for their round-robin turn
            buddyProbes.add(slot);
        }
        SuspicionTimer timer = new SuspicionTimer(slot, suspect.getIncarnation(), suspect.getFromId(),
                members.liveCount(), config, nowMs);
        suspicions.start(timer);
        queue.enqueue(slot, msg);
    }

    private void handleDead(Dead dead, GossipMessage msg, long nowMs) {
        boolean left = dead.getFromId().equals(dead.getNodeId());
        markGone(dead.getNodeId(), dead.getIncarnation(), left, msg, nowMs);
    }

    private void handleLeave(Leave leave, GossipMessage msg, long nowMs) {
        markGone(leave.getNodeId(), leave.getIncarnation(), true, msg, nowMs);
    }

    private void markGone(String id, long inc, boolean left, GossipMessage msg, long nowMs) {
        int slot = index.find(id);
        if (slot < 0) {
            return;
        }
        if (slot == self) {
            if (!leaving && inc >= incarnation) {
                refute(inc, nowMs);
            } else {
                staleAboutSelf = true;
            }
            return;
        }
        MemberState known = members.get(slot);
        if (known == null || inc < known.getIncarnation() || !MemberTable.isLive(known.getStatus())) {
            return;
        }
        MemberState record = records.withStatus(slot, known, inc,
                left ? NodeStatus.NODE_STATUS_LEFT : NodeStatus.NODE_STATUS_DEAD);
        update(slot, record, nowMs);
        queue.enqueue(slot, msg);
    }

    private void handlePushPull(String sender, PushPull pushPull, long nowMs) {
        stats.pushPulls++;
        refutedInFrame = false;
        String senderAddress = null;
        List<MemberState> remotes = pushPull.getMembersList();
        for (int i = 0, size = remotes.size(); i < size; i++) {
            MemberState remote = remotes.get(i);
            if (members.get(i) == remote && remote.getStatus() != NodeStatus.NODE_STATUS_SUSPECT) {
                // the very record we hold (shared in a simulator): merging it changes nothing.
                // A suspect record is still merged: it counts as the sender's confirmation,
                // whether or not the two nodes happen to share the object
                continue;
            }
            if (remote.getNodeId().equals(sender)) {
                senderAddress = remote.getAddr();
            }
            merge(remote, sender, nowMs);
        }
        if (senderAddress == null || senderAddress.isEmpty()) {
            MemberState known = member(sender);
            senderAddress = known == null ? null : known.getAddr();
        }
        if (senderAddress == null || senderAddress.isEmpty()) {
            stats.messagesIgnored++;
            return;
        }
        if (pushPull.getJoin()) {
            sendPushPull(senderAddress, false, nowMs);
        } else if (refutedInFrame) {
            // the peer holds us suspect or dead: one more exchange so it learns the refutation
            sendPushPull(senderAddress, true, nowMs);
        }
    }

    private void merge(MemberState remote, String sender, long nowMs) {
        if (remote.getNodeId().isEmpty()) {
            return;
        }
        int slot = index.slotOf(remote.getNodeId());
        if (slot == self) {
            if (!leaving && remote.getStatus() != NodeStatus.NODE_STATUS_ALIVE
                    && remote.getIncarnation() >= incarnation) {
                refute(remote.getIncarnation(), nowMs);
            }
            return;
        }
        MemberState known = members.get(slot);
        if (known == remote && remote.getStatus() != NodeStatus.NODE_STATUS_SUSPECT) {
            return; // nothing new (see handlePushPull)
        }
        switch (remote.getStatus()) {
            case NODE_STATUS_ALIVE -> {
                if (known == null || remote.getIncarnation() > known.getIncarnation()) {
                    update(slot, remote, nowMs);
                    queue.enqueue(slot, aliveMessage(remote));
                }
            }
            case NODE_STATUS_SUSPECT, NODE_STATUS_DEAD -> {
                // a remote death is only a suspicion here: the accused gets its chance to refute
                if (known == null) {
                    if (remote.getStatus() == NodeStatus.NODE_STATUS_DEAD) {
                        return;
                    }
                    update(slot, remote.toBuilder().setStatus(NodeStatus.NODE_STATUS_ALIVE).build(), nowMs);
                }
                Suspect s = Suspect.newBuilder().setNodeId(remote.getNodeId())
                        .setIncarnation(remote.getIncarnation()).setFromId(sender).build();
                handleSuspect(s, GossipMessage.newBuilder().setSuspect(s).build(), nowMs);
            }
            case NODE_STATUS_LEFT -> {
                Leave l = Leave.newBuilder().setNodeId(remote.getNodeId())
                        .setIncarnation(remote.getIncarnation()).build();
                handleLeave(l, GossipMessage.newBuilder().setLeave(l).build(), nowMs);
            }
            default -> stats.messagesIgnored++;
        }
    }

    /**
     * Replies that do not wait for a timer: our refutation straight back to whoever accused us
     * (also when the accusation is older than our current incarnation), a death notice to a
     * member we hold dead (so it refutes if it is in fact alive), and our Alive to a sender we
     * did not know (so a joiner learns us).
     */
    private void answerDirectly(String from, int senderSlot, boolean senderWasKnown, long nowMs) {
        MemberState sender = members.get(senderSlot);
        GossipMessage notice = null;
        boolean sendAlive = refutedInFrame;
        if (sender != null && sender.getStatus() == NodeStatus.NODE_STATUS_DEAD && noticeDue(senderSlot, nowMs)) {
            notice = GossipMessage.newBuilder().setDead(Dead.newBuilder().setNodeId(sender.getNodeId())
                    .setIncarnation(sender.getIncarnation()).setFromId(selfId)).build();
            sendAlive = true;
        } else if ((!senderWasKnown || staleAboutSelf) && !sendAlive && noticeDue(senderSlot, nowMs)) {
            // an unknown sender (a joiner) must learn us; a sender still spreading an accusation
            // we already refuted missed the refutation: both get our Alive directly
            sendAlive = true;
        }
        if (sendAlive) {
            sendFrame(from, notice, aliveMessage(selfRecord()), true, true);
        }
    }

    private boolean noticeDue(int slot, long nowMs) {
        Long last = noticeSentMs.get(slot);
        if (last != null && nowMs - last < config.probeIntervalMs()) {
            return false;
        }
        noticeSentMs.put(slot, nowMs);
        return true;
    }

    // ------------------------------------------------------------------ probing

    private void startProbe(long nowMs) {
        long period = awareness.scale(config.probeIntervalMs());
        nextProbeMs = nowMs + period;
        int slots = members.capacity();
        int target = -1;
        boolean second = false;
        if (reprobe >= 0) {
            MemberState r = members.get(reprobe);
            if (r != null && MemberTable.isLive(r.getStatus())) {
                target = reprobe;
                second = true;
            }
            reprobe = -1;
        }
        while (target < 0 && !buddyProbes.isEmpty()) {
            int slot = buddyProbes.poll();
            MemberState r = members.get(slot);
            if (r != null && r.getStatus() == NodeStatus.NODE_STATUS_SUSPECT) {
                target = slot;
                break;
            }
        }
        for (int i = 0; i < slots && target < 0; i++) {
            int slot = order.next(slots);
            if (slot != self && members.isLiveAt(slot)) {
                target = slot;
                break;
            }
        }
        if (target < 0) {
            return;
        }
        MemberState record = members.get(target);
        if (config.overhearing() && record.getStatus() == NodeStatus.NODE_STATUS_ALIVE) {
            LinkEstimator heard = links.peek(target);
            if (heard != null && nowMs - heard.lastHeardMs() < period) {
                stats.probesOverheard++;
                return;
            }
        }
        if (!dutyCycle.allows(config.maxFrameBytes(), nowMs)) {
            stats.framesDeferredByDutyCycle++;
            return;
        }
        LinkEstimator link = links.get(target);
        int seq = link.nextPingSeq();
        GossipMessage ping = GossipMessage.newBuilder().setPing(Ping.newBuilder()
                .setSeqNo(seq)
                .setTargetId(record.getNodeId())
                .setSentAtMs(nowMs)
                .setSourceAddr(selfAddress)).build();
        GossipMessage buddy = null;
        if (record.getStatus() == NodeStatus.NODE_STATUS_SUSPECT) {
            // Lifeguard buddy system: the suspect learns of the suspicion from the probe itself
            buddy = GossipMessage.newBuilder().setSuspect(Suspect.newBuilder().setNodeId(record.getNodeId())
                    .setIncarnation(record.getIncarnation()).setFromId(selfId)).build();
        }
        probe = new ProbeRound(target, seq, nowMs, nowMs + awareness.scale(config.probeTimeoutMs()),
                nowMs + period);
        probe.second = second;
        stats.probes++;
        sendFrame(record.getAddr(), buddy, ping, true, true);
    }

    private void startIndirect(ProbeRound p, long nowMs) {
        p.indirectSent = true;
        MemberState target = members.get(p.target);
        if (target == null) {
            return;
        }
        // a second direct attempt alongside the ping-reqs: on a lossy link one lost datagram
        // should not be enough to start a suspicion
        LinkEstimator link = links.get(p.target);
        p.retrySeq = link.nextPingSeq();
        GossipMessage retry = GossipMessage.newBuilder().setPing(Ping.newBuilder()
                .setSeqNo(p.retrySeq)
                .setTargetId(target.getNodeId())
                .setSentAtMs(nowMs)
                .setSourceAddr(selfAddress)).build();
        GossipMessage buddy = target.getStatus() == NodeStatus.NODE_STATUS_SUSPECT
                ? GossipMessage.newBuilder().setSuspect(Suspect.newBuilder().setNodeId(target.getNodeId())
                        .setIncarnation(target.getIncarnation()).setFromId(selfId)).build()
                : null;
        sendFrame(target.getAddr(), buddy, retry, true, false);
        if (config.indirectChecks() == 0) {
            return;
        }
        // more relays when our own direct probes keep failing (a lossy neighbourhood): each extra
        // independent path makes a wrong suspicion rarer
        double f = lossForDecisions();
        int k = config.indirectChecks() * (f >= 0.3 ? 3 : f >= 0.1 ? 2 : 1);
        p.relays = members.randomMembers(k, self, p.target, 0, nowMs, random);
        if (p.relays.length == 0) {
            return;
        }
        stats.indirectProbes++;
        GossipMessage req = GossipMessage.newBuilder().setPingReq(PingReq.newBuilder()
                .setSeqNo(p.seq)
                .setTargetId(target.getNodeId())
                .setTargetAddr(target.getAddr())
                .setWantNack(true)).build();
        for (int relay : p.relays) {
            sendFrame(members.get(relay).getAddr(), req, null, true, true);
        }
    }

    private void probeSucceeded(ProbeRound p, boolean direct) {
        p.acked = true;
        recordDirect(direct && !p.indirectSent);
        if (!direct) {
            links.get(p.target).probeResult(false, 0);
        }
        awareness.apply(-1);
        probe = null;
    }

    private void finishProbe(long nowMs) {
        ProbeRound p = probe;
        probe = null;
        if (p.acked) {
            return;
        }
        boolean lossy = lossForDecisions() >= LOSSY; // judged before this round counts
        recordDirect(false);
        links.get(p.target).probeResult(false, 0);
        // Lifeguard: relays that did not even nack suggest that we, not the target, are unwell
        int expected = p.relays.length;
        awareness.apply(expected > 0 ? expected - p.nacks : 1);
        MemberState target = members.get(p.target);
        if (target == null || !MemberTable.isLive(target.getStatus())) {
            return;
        }
        if (!p.second && target.getStatus() == NodeStatus.NODE_STATUS_ALIVE && lossy) {
            // one failed round on a lossy network is common: probe again at once, and only a
            // second failure in a row starts a suspicion (costs one probe period of detection,
            // so only where our own direct probes show loss, or have not been measured yet)
            reprobe = p.target;
            return;
        }
        stats.suspicionsRaised++;
        Suspect s = Suspect.newBuilder().setNodeId(target.getNodeId())
                .setIncarnation(target.getIncarnation()).setFromId(selfId).build();
        handleSuspect(s, GossipMessage.newBuilder().setSuspect(s).build(), nowMs);
    }

    /**
     * Direct-probe failure for re-probing and relay choices: assumed lossy until measured (see
     * {@link DirectProbeFailure#forDecisions()}), except under a duty-cycle budget (LoRa): there
     * the caution lasts 20 probe periods of 2 minutes, its extra relays and re-probes spend the
     * airtime that gossip needs (simulated 30-node runs over 8 seeds: with it, one update never
     * reached every member in 1–3 runs; without it in none), while suspicions there last 12+
     * minutes, ample time to refute.
     */
    private double lossForDecisions() {
        return dutyCycle.limited() ? directFailure.rate() : directFailure.forDecisions();
    }

    private void recordDirect(boolean answered) {
        directFailure.record(answered);
    }

    private void tickRelays(long nowMs) {
        if (relays.isEmpty()) {
            return;
        }
        for (Iterator<IndirectProbe> it = relays.iterator(); it.hasNext(); ) {
            IndirectProbe r = it.next();
            if (r.retrySeq == 0 && nowMs >= r.retryAtMs) {
                r.retrySeq = links.get(r.target).nextPingSeq();
                GossipMessage ping = GossipMessage.newBuilder().setPing(Ping.newBuilder()
                        .setSeqNo(r.retrySeq)
                        .setTargetId(r.targetId)
                        .setSentAtMs(nowMs)
                        .setSourceAddr(selfAddress)).build();
                sendFrame(r.targetAddress, ping, null, true, false);
            }
            if (r.wantNack && !r.nackSent && nowMs >= r.nackAtMs) {
                r.nackSent = true;
                GossipMessage nack = GossipMessage.newBuilder()
                        .setNack(Nack.newBuilder().setSeqNo(r.originSeq)).build();
                sendFrame(r.originAddress, nack, null, true, false);
            }
            if (nowMs >= r.expiresMs) {
                it.remove();
                links.get(r.target).probeResult(false, 0);
            }
        }
    }

    private void expireSuspicions(long nowMs) {
        SuspicionTimer timer;
        while ((timer = suspicions.pollExpired(nowMs)) != null) {
            MemberState known = members.get(timer.slot());
            if (known == null || known.getStatus() != NodeStatus.NODE_STATUS_SUSPECT
                    || known.getIncarnation() != timer.incarnation()) {
                continue;
            }
            stats.deadDeclared++;
            GossipMessage dead = GossipMessage.newBuilder().setDead(Dead.newBuilder()
                    .setNodeId(known.getNodeId()).setIncarnation(known.getIncarnation()).setFromId(selfId)).build();
            markGone(known.getNodeId(), known.getIncarnation(), false, dead, nowMs);
        }
    }

    // ------------------------------------------------------------------ dissemination

    private void gossip(long nowMs) {
        int[] targets = members.randomMembers(config.gossipFanout(), self, self, config.gossipToTheDeadMs(),
                nowMs, random);
        for (int slot : targets) {
            if (queue.isEmpty()) {
                return;
            }
            if (!dutyCycle.allows(config.maxFrameBytes(), nowMs)) {
                stats.framesDeferredByDutyCycle++;
                return;
            }
            sendFrame(members.get(slot).getAddr(), null, null, false, true);
        }
    }

    private long gossipDueMs() {
        return nextGossipMs >= clockMs ? nextGossipMs : alignedGossipAfter(clockMs - 1);
    }

    /** First gossip instant of this node's phase strictly after {@code t}. */
    private long alignedGossipAfter(long t) {
        long interval = config.gossipIntervalMs();
        long k = Math.floorDiv(t - gossipPhaseMs, interval) + 1;
        return gossipPhaseMs + k * interval;
    }

    private void sendPushPull(String address, boolean request, long nowMs) {
        int n = members.capacity();
        List<MemberState> all = new ArrayList<>(members.knownCount());
        for (int slot = 0; slot < n; slot++) {
            MemberState r = members.get(slot);
            if (r != null) {
                all.add(r);
            }
        }
        PushPull.Builder pp = PushPull.newBuilder().setJoin(request).addAllMembers(all);
        Envelope envelope = envelope(new GossipMessage[] {GossipMessage.newBuilder().setPushPull(pp).build()}, 1);
        emit(new Datagram(address, envelope, true), nowMs, false);
    }

    private void reconnect(long nowMs) {
        if (members.liveCount() <= 1 && !seeds.isEmpty()) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            stats.rejoinAttempts++;
            if (config.pushPullIntervalMs() > 0) {
                sendPushPull(seed, true, nowMs);
            } else {
                sendFrame(seed, null, aliveMessage(selfRecord()), true, true);
            }
            return;
        }
        int dead = members.randomDead(random);
        if (dead < 0) {
            return;
        }
        MemberState record = members.get(dead);
        stats.rejoinAttempts++;
        noticeSentMs.put(dead, nowMs);
        GossipMessage notice = GossipMessage.newBuilder().setDead(Dead.newBuilder().setNodeId(record.getNodeId())
                .setIncarnation(record.getIncarnation()).setFromId(selfId)).build();
        sendFrame(record.getAddr(), notice, aliveMessage(selfRecord()), false, true);
    }

    private void refute(long accused, long nowMs) {
        incarnation = Math.max(incarnation, accused) + 1;
        stats.refutations++;
        awareness.apply(1);
        refutedInFrame = true;
        announceSelf(nowMs, true);
    }

    /** {@code refutation}: answers an accusation, so it goes ahead of other news (BroadcastQueue). */
    private void announceSelf(long nowMs, boolean refutation) {
        MemberState record = selfRecord();
        GossipMessage alive = aliveMessage(record);
        int room = envelopeBudget - 40; // keep room for a ping or ack in the same frame
        if (FrameBudget.messageBytes(alive) > room) {
            record = record.toBuilder().setState(record.getState().toBuilder().clearLinks()).build();
            alive = aliveMessage(record);
            if (FrameBudget.messageBytes(alive) > room) {
                record = record.toBuilder().clearState().build();
                alive = aliveMessage(record);
            }
        }
        update(self, leaving ? record.toBuilder().setStatus(NodeStatus.NODE_STATUS_LEFT).build() : record, nowMs);
        if (refutation) {
            queue.enqueueUrgent(self, alive);
        } else {
            queue.enqueue(self, alive);
        }
    }

    private MemberState selfRecord() {
        return MemberState.newBuilder()
                .setNodeId(selfId)
                .setAddr(selfAddress)
                .setIncarnation(incarnation)
                .setStatus(NodeStatus.NODE_STATUS_ALIVE)
                .setState(localState)
                .build();
    }

    private static GossipMessage aliveMessage(MemberState record) {
        return GossipMessage.newBuilder().setAlive(Alive.newBuilder()
                .setNodeId(record.getNodeId())
                .setIncarnation(record.getIncarnation())
                .setAddr(record.getAddr())
                .setState(record.getState())).build();
    }

    private void update(int slot, MemberState record, long nowMs) {
        MemberState previous = members.put(slot, record, nowMs);
        if (record.getStatus() != NodeStatus.NODE_STATUS_SUSPECT && !suspicions.isEmpty()) {
            suspicions.remove(slot);
        }
        listener.memberChanged(previous, record, nowMs);
    }

    // ------------------------------------------------------------------ frames

    /**
     * Sends up to two primary messages plus, when {@code piggyback}, as many queued updates as
     * fit the frame budget. Frames of one probe's indirect phase (retry pings, relays' pings to
     * the same target, nacks, forwarded acks) carry no updates: they mostly go to the same two
     * members, and every transmission spent on them is one fewer towards the rest. Non-essential
     * frames (gossip, rejoin) respect the duty-cycle budget; essential ones (probe traffic, acks,
     * refutations) are always sent but still spend airtime.
     */
    private void sendFrame(String address, GossipMessage first, GossipMessage second, boolean essential,
                           boolean piggyback) {
        if (address == null || address.isEmpty()) {
            stats.messagesIgnored++;
            return;
        }
        int used = 0;
        int primaries = 0;
        if (first != null) {
            used += FrameBudget.messageBytes(first);
            primaries++;
        }
        if (second != null) {
            used += FrameBudget.messageBytes(second);
            primaries++;
        }
        if (!essential && !dutyCycle.allows(config.maxFrameBytes(), clockMs)) {
            stats.framesDeferredByDutyCycle++;
            return;
        }
        List<GossipMessage> updates = piggyback ? queue.take(envelopeBudget - used, envelopeBudget,
                retransmitLimit()) : List.of();
        if (primaries == 0 && updates.isEmpty()) {
            return;
        }
        GossipMessage[] messages = new GossipMessage[primaries + updates.size()];
        int i = 0;
        if (first != null) {
            messages[i++] = first;
        }
        if (second != null) {
            messages[i++] = second;
        }
        for (GossipMessage m : updates) {
            messages[i++] = m;
        }
        emit(new Datagram(address, envelope(messages, messages.length), false), clockMs, true);
    }

    /**
     * λ·ceil(log10(n+1)) transmissions per update, stretched where f, the smoothed failure rate
     * of our direct probes, says the network is lossy: each transmission then reaches fewer
     * members, and the last few members are what convergence and refutations depend on. With
     * push-pull the stretch is √(1/(1 − f)) (at most 2×): 1/(1 − f) itself, 2× at 30 % loss, kept
     * p99 convergence at 7 rounds where the target is 21, for 15 % more bytes, and push-pull
     * repairs the rare straggler. Without push-pull (LoRa) it stays 1/(1 − f) (at most 3×).
     */
    private int retransmitLimit() {
        double lossStretch = 1.0 / Math.max(1e-9, 1.0 - directFailure.rate());
        // without push-pull (LoRa) nothing repairs a member the copies missed: full stretch
        double stretch = config.pushPullIntervalMs() > 0 ? Math.min(2.0, Math.sqrt(lossStretch))
                : Math.min(3.0, lossStretch);
        return (int) Math.ceil(config.retransmitLimit(members.liveCount()) * stretch);
    }

    private Envelope envelope(GossipMessage[] messages, int count) {
        Envelope.Builder b = Envelope.newBuilder()
                .setVersion(FrameCodec.PROTOCOL_VERSION)
                .setSenderId(selfId)
                .setFrameSeq(++frameSeq)
                .setSentAtMs(clockMs);
        for (int i = 0; i < count; i++) {
            b.addMessages(messages[i]);
        }
        return b.build();
    }

    private void emit(Datagram datagram, long nowMs, boolean radio) {
        int bytes = datagram.envelope().getSerializedSize() + frameOverheadBytes;
        stats.framesSent++;
        stats.bytesSent += bytes;
        if (radio) {
            dutyCycle.spend(bytes, nowMs);
        }
        if (out == null) {
            out = new ArrayList<>(2);
        }
        out.add(datagram);
    }

    private void begin(long nowMs) {
        clockMs = Math.max(clockMs, nowMs);
        out = null;
    }

    private List<Datagram> end() {
        List<Datagram> result = out == null ? List.of() : out;
        out = null;
        return result;
    }
}
