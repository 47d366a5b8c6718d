package org.rescuemesh.gossip.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.agent.mesh.Mesh;
import org.rescuemesh.agent.mesh.MeshListener;
import org.rescuemesh.gossip.Datagram;
import org.rescuemesh.gossip.GossipConfig;
import org.rescuemesh.gossip.NodeIdIndex;
import org.rescuemesh.gossip.SwimNode;
import org.rescuemesh.gossip.SwimStats;
import org.rescuemesh.proto.v1.MemberState;
import org.rescuemesh.proto.v1.NodeState;

/**
 * {@link Mesh} over real sockets: the sans-I/O {@link SwimNode} driven by one Netty event loop
 * (which owns the core, the UDP socket and the push-pull TCP listener) and the wall clock. Each
 * call into the core is followed by a timer set to the core's next deadline.
 *
 * <pre>
 * SwimMesh mesh = new SwimMesh("team-a-03", new InetSocketAddress("0.0.0.0", 7946),
 *         "10.0.0.5:7946",                        // advertised address (null: bound address)
 *         List.of("10.0.0.1:7946"), GossipConfig.lan(), new PlainFrameCodec(1200));
 * mesh.start();
 * </pre>
 */
public final class SwimMesh implements Mesh {

    private static final Logger LOG = Logger.getLogger(SwimMesh.class.getName());
    private static final long CALL_TIMEOUT_MS = 5_000;

    private final String nodeId;
    private final InetSocketAddress bind;
    private final String advertise;
    private final List<String> seeds;
    private final GossipConfig config;
    private final FrameCodec datagramCodec;
    private final FrameCodec streamCodec;
    private final List<MeshListener> listeners = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group;
    private final EventLoop loop;
    private volatile NodeState initialState = NodeState.getDefaultInstance();
    private GossipTransport transport;
    private SwimNode core;
    private ScheduledFuture<?> timer;
    private long timerAtMs = Long.MAX_VALUE;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile java.util.function.BiConsumer<String, org.rescuemesh.proto.v1.GossipMessage> relayHandler;

    /**
     * @param nodeId        unique node id (1..64 chars)
     * @param bind          UDP+TCP address to bind; port 0 picks a free port
     * @param advertise     "host:port" others should use; null: the bound address (with a
     *                      wildcard bind, the first non-loopback IPv4 address of this host)
     * @param seeds         "host:port" of members to join through (may be empty for the first node)
     * @param config        gossip tunables ({@link GossipConfig#lan()}, {@link GossipConfig#lora()}, …)
     * @param codec         frame codec for UDP datagrams (sealed with the mission key, or {@link PlainFrameCodec})
     * @param streamCodec   frame codec for TCP push-pull frames (same scheme, larger size limit)
     */
    public SwimMesh(String nodeId, InetSocketAddress bind, String advertise, List<String> seeds,
                    GossipConfig config, FrameCodec codec, FrameCodec streamCodec) {
        if (nodeId == null || nodeId.isEmpty() || nodeId.length() > 64) {
            throw new IllegalArgumentException("node id must be 1..64 characters");
        }
        this.nodeId = nodeId;
        this.bind = bind;
        this.advertise = advertise;
        this.seeds = List.copyOf(seeds);
        this.config = config;
        this.datagramCodec = codec;
        this.streamCodec = streamCodec;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.loop = group.next();
    }

    /** Unencrypted convenience: {@link PlainFrameCodec} sized for the profile's frames and for push-pull. */
    public static SwimMesh plain(String nodeId, InetSocketAddress bind, List<String> seeds, GossipConfig config) {
        return new SwimMesh(nodeId, bind, null, seeds, config, new PlainFrameCodec(config.maxFrameBytes()),
                new PlainFrameCodec(GossipTransport.MAX_STREAM_FRAME));
    }

    /** State published from the first frame on (set before {@link #start()}). */
    public void setInitialState(NodeState state) {
        this.initialState = state;
    }

    @Override
    public InetSocketAddress start() throws Exception {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        transport = new GossipTransport(loop, datagramCodec, streamCodec, this::onEnvelope);
        InetSocketAddress bound;
        try {
            bound = transport.bind(bind);
        } catch (Exception e) {
            closed = true;
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        String self = advertise != null ? advertise : GossipTransport.format(advertisable(bound));
        onLoop(() -> {
            long now = System.currentTimeMillis();
            core = new SwimNode(nodeId, self, config, datagramCodec.overheadBytes(), new NodeIdIndex(),
                    new SplittableRandom(), now);
            core.setListener((previous, current, nowMs) -> notifyListeners(current));
            core.setRelaySink(relayHandler);
            core.addSeeds(seeds);
            core.publishLocalState(initialState, now);
            reschedule();
            return null;
        });
        return bound;
    }

    private static InetSocketAddress advertisable(InetSocketAddress bound) throws Exception {
        if (!bound.getAddress().isAnyLocalAddress()) {
            return bound;
        }
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    return new InetSocketAddress(a, bound.getPort());
                }
            }
        }
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getPort());
    }

    @Override
    public void publishLocalState(NodeState state) {
        if (!started) {
            // Before start the state is what the first frames carry (the Mesh contract).
            setInitialState(state);
            return;
        }
        loop.execute(() -> {
            if (!closed) {
                core.publishLocalState(state, System.currentTimeMillis());
                reschedule();
            }
        });
    }

    @Override
    public List<MemberView> members() {
        requireStarted();
        return onLoop(() -> {
            List<MemberView> out = new ArrayList<>(core.liveCount() + 8);
            core.forEachMember(m -> out.add(view(m)));
            return out;
        });
    }

    @Override
    public void addListener(MeshListener listener) {
        listeners.add(listener);
    }

    /** Receives relay/receipt messages (sender id, message) on the gossip loop: do not block. Set before start. */
    public void setRelayHandler(java.util.function.BiConsumer<String, org.rescuemesh.proto.v1.GossipMessage> handler) {
        this.relayHandler = handler;
    }

    /** Sends relay/receipt messages in one frame to a member (UDP, or TCP when too big); dropped if unknown. */
    public void sendRelay(String memberId, List<org.rescuemesh.proto.v1.GossipMessage> messages) {
        if (closed || group.isShuttingDown()) {
            return;
        }
        loop.execute(() -> {
            MemberState m = closed || core == null ? null : core.member(memberId);
            if (m != null && !m.getAddr().isEmpty()) {
                send(core.sendRelay(m.getAddr(), messages, System.currentTimeMillis()));
                reschedule();
            }
        });
    }

    /** Drops all traffic to and from these peers' gossip addresses ("host:port"); empty: none. */
    public void blockPeers(Collection<String> addresses) {
        requireStarted();
        transport.setBlocked(Set.copyOf(addresses));
    }

    /**
     * Drops this fraction (0..1) of the datagrams sent to each peer address ("host:port"): a
     * simulated radio's loss, for the demo and tests on loopback. Empty map: none.
     */
    public void simulateOutboundLoss(Map<String, Double> lossByAddress) {
        requireStarted();
        transport.setOutboundLoss(lossByAddress);
    }

    /** The address this node advertises ("host:port"). */
    public String address() {
        requireStarted();
        return onLoop(core::address);
    }

    public String nodeId() {
        return nodeId;
    }

    /** Frames dropped by the codec so far, per reason (truncated, oversized, auth failed, …). */
    public Map<FrameRejectedException.Reason, Long> rejectedFrames() {
        requireStarted();
        return transport.rejectedFrames();
    }

    /** A copy of the core's counters. */
    public SwimStats stats() {
        requireStarted();
        return onLoop(() -> {
            SwimStats s = core.stats();
            SwimStats copy = new SwimStats();
            copy.probes = s.probes;
            copy.probesOverheard = s.probesOverheard;
            copy.indirectProbes = s.indirectProbes;
            copy.suspicionsRaised = s.suspicionsRaised;
            copy.deadDeclared = s.deadDeclared;
            copy.refutations = s.refutations;
            copy.nacksReceived = s.nacksReceived;
            copy.framesSent = s.framesSent;
            copy.bytesSent = s.bytesSent;
            copy.framesReceived = s.framesReceived;
            copy.pushPulls = s.pushPulls;
            copy.rejoinAttempts = s.rejoinAttempts;
            copy.framesDeferredByDutyCycle = s.framesDeferredByDutyCycle;
            copy.messagesIgnored = s.messagesIgnored;
            return copy;
        });
    }

    /** Frames the core threw on (should stay 0); counted instead of crashing the node. */
    public long internalErrors() {
        requireStarted();
        return transport.internalErrors();
    }

    /**
     * Announces the leave, keeps gossiping it for three gossip intervals so it spreads, then
     * unbinds. Safe to call twice.
     */
    @Override
    public void close() {
        if (closed || group.isShuttingDown()) {
            return;
        }
        if (started && core != null) {
            try {
                onLoop(() -> {
                    send(core.leave(System.currentTimeMillis()));
                    reschedule();
                    return null;
                });
                Thread.sleep(Math.min(3 * config.gossipIntervalMs(), 2_000));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "leave announcement failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
        if (transport != null && !group.isShuttingDown()) {
            try {
                loop.submit(() -> {
                    if (timer != null) {
                        timer.cancel(false);
                    }
                    transport.close();
                }).get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.log(Level.FINE, "close", e);
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Stops the node abruptly, like a crash: no leave, sockets closed. For tests of failure
     * detection.
     */
    public void kill() {
        if (group.isShuttingDown()) {
            return;
        }
        closed = true;
        if (transport != null) {
            loop.execute(() -> {
                if (timer != null) {
                    timer.cancel(false);
                }
                transport.close();
            });
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ------------------------------------------------------------------ event loop side

    private void onEnvelope(String from, org.rescuemesh.proto.v1.Envelope envelope) {
        if (closed || core == null) {
            return;
        }
        send(core.onMessage(from, envelope, System.currentTimeMillis()));
        reschedule();
    }

    private void onTimer() {
        timer = null;
        timerAtMs = Long.MAX_VALUE;
        if (closed) {
            return;
        }
        try {
            send(core.tick(System.currentTimeMillis()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "gossip tick failed", e);
        }
        reschedule();
    }

    private void send(List<Datagram> out) {
        for (Datagram d : out) {
            try {
                transport.send(d);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "send to " + d.address() + " failed", e);
            }
        }
    }

    private void reschedule() {
        if (closed) {
            return;
        }
        long next = core.nextDeadlineMs();
        if (next == Long.MAX_VALUE || next >= timerAtMs) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAtMs = next;
        long delay = Math.max(0, next - System.currentTimeMillis());
        timer = loop.schedule(this::onTimer, delay, TimeUnit.MILLISECONDS);
    }

    private void notifyListeners(MemberState current) {
        if (listeners.isEmpty()) {
            return;
        }
        MemberView v = view(current);
        for (MeshListener l : listeners) {
            try {
                l.memberChanged(v);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "mesh listener failed", e);
            }
        }
    }

    private MemberView view(MemberState m) {
        return new MemberView(m.getNodeId(), m.getStatus(), m.getIncarnation(), m.getAddr(), m.getState(),
                core.linkTo(m.getNodeId()));
    }

    private <T> T onLoop(Callable<T> call) {
        if (loop.inEventLoop()) {
            try {
                return call.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return loop.submit(call).get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("gossip loop call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("gossip loop did not answer within " + CALL_TIMEOUT_MS + " ms", e);
        }
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("mesh not started");
        }
    }
}
