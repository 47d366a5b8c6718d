package org.rescuemesh.agent.mesh;

import com.google.protobuf.util.Timestamps;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rescuemesh.gossip.transport.FrameCodec;
import org.rescuemesh.gossip.transport.FrameRejectedException;
import org.rescuemesh.proto.v1.Alive;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.Leave;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * The simplest real state exchange: every interval each node sends its own {@code Alive} (with
 * its state) plus a few others it knows to every address it knows. Liveness is judged from the
 * age of the freshest state heard. No probes, no suspicion refutation — {@code SwimMesh} does the
 * real protocol; this one stays as the fallback for tiny labs and as a reference.
 */
public final class SimpleMesh implements Mesh {

    private static final Logger LOG = Logger.getLogger(SimpleMesh.class.getName());

    /** Settings of the simple exchange. */
    public record Settings(String nodeId, InetSocketAddress bind, List<InetSocketAddress> seeds,
                           long intervalMs, long suspectAfterMs, long deadAfterMs, int maxFrameBytes) {
        public static Settings defaults(String nodeId, InetSocketAddress bind, List<InetSocketAddress> seeds) {
            return new Settings(nodeId, bind, seeds, 1000, 3500, 10_000, 1200);
        }
    }

    private static final class Entry {
        volatile String addr;
        volatile NodeState state = NodeState.getDefaultInstance();
        volatile long freshestMs;
        volatile NodeStatus status = NodeStatus.NODE_STATUS_ALIVE;
        volatile long incarnation;
    }

    private final Settings settings;
    private final EventLoopGroup group;
    private final FrameCodec codec;
    private final Map<String, Entry> members = new ConcurrentHashMap<>();
    private final List<MeshListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<NodeState> localState = new AtomicReference<>(NodeState.getDefaultInstance());
    private final AtomicLong frameSeq = new AtomicLong();
    private final AtomicLong rejectedFrames = new AtomicLong();
    private volatile Channel channel;
    private volatile String selfAddr;

    public SimpleMesh(Settings settings, EventLoopGroup group, FrameCodec codec) {
        this.settings = settings;
        this.group = group;
        this.codec = codec;
    }

    @Override
    public InetSocketAddress start() throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        receive(packet);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        LOG.log(Level.FINE, "gossip socket error", cause);
                    }
                })
                .bind(settings.bind()).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        selfAddr = bound.getHostString() + ":" + bound.getPort();
        channel.eventLoop().scheduleAtFixedRate(this::round,
                ThreadLocalRandom.current().nextLong(settings.intervalMs()), settings.intervalMs(), TimeUnit.MILLISECONDS);
        return bound;
    }

    @Override
    public void publishLocalState(NodeState state) {
        localState.set(state);
    }

    /** Frames dropped because they failed to decode. */
    public long rejectedFrames() {
        return rejectedFrames.get();
    }

    @Override
    public List<MemberView> members() {
        List<MemberView> out = new ArrayList<>();
        NodeState self = localState.get();
        out.add(new MemberView(settings.nodeId(), NodeStatus.NODE_STATUS_ALIVE, 0, selfAddr, self, LinkMetrics.UNKNOWN));
        members.forEach((id, e) -> out.add(view(id, e)));
        return out;
    }

    private static MemberView view(String id, Entry e) {
        return new MemberView(id, e.status, e.incarnation, e.addr, e.state, LinkMetrics.UNKNOWN);
    }

    @Override
    public void addListener(MeshListener listener) {
        listeners.add(listener);
    }

    private void round() {
        try {
            long now = System.currentTimeMillis();
            judgeLiveness(now);
            Envelope frame = buildFrame(now);
            byte[] bytes = codec.encode(frame);
            for (InetSocketAddress target : targets()) {
                channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), target));
            }
        } catch (RuntimeException e) {
            // A failed round must not stop the schedule.
            LOG.log(Level.WARNING, "gossip round failed", e);
        }
    }

    private Envelope buildFrame(long now) {
        NodeState self = localState.get().toBuilder()
                .setNodeId(settings.nodeId())
                .setUpdatedAt(Timestamps.fromMillis(now))
                .build();
        Envelope.Builder env = Envelope.newBuilder().setVersion(FrameCodec.PROTOCOL_VERSION)
                .setSenderId(settings.nodeId()).setFrameSeq(frameSeq.incrementAndGet()).setSentAtMs(now)
                .addMessages(GossipMessage.newBuilder().setAlive(Alive.newBuilder()
                        .setNodeId(settings.nodeId()).setAddr(selfAddr).setState(self)));
        // Piggyback a few random live members so nodes that only know a seed learn the rest.
        List<Map.Entry<String, Entry>> known = new ArrayList<>(members.entrySet());
        java.util.Collections.shuffle(known);
        int budget = settings.maxFrameBytes() - codec.overheadBytes();
        for (Map.Entry<String, Entry> m : known) {
            Entry e = m.getValue();
            if (e.status != NodeStatus.NODE_STATUS_ALIVE || e.addr == null) {
                continue;
            }
            GossipMessage msg = GossipMessage.newBuilder().setAlive(Alive.newBuilder()
                    .setNodeId(m.getKey()).setAddr(e.addr).setState(e.state)).build();
            if (env.build().getSerializedSize() + msg.getSerializedSize() + 4 > budget) {
                break;
            }
            env.addMessages(msg);
        }
        return env.build();
    }

    private List<InetSocketAddress> targets() {
        List<InetSocketAddress> out = new ArrayList<>(settings.seeds());
        members.values().forEach(e -> {
            if (e.status != NodeStatus.NODE_STATUS_LEFT && e.addr != null) {
                InetSocketAddress a = parse(e.addr);
                if (a != null && !out.contains(a)) {
                    out.add(a);
                }
            }
        });
        return out;
    }

    private void receive(DatagramPacket packet) {
        ByteBuf buf = packet.content();
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        Envelope env;
        try {
            env = codec.decode(bytes);
        } catch (FrameRejectedException e) {
            rejectedFrames.incrementAndGet();
            LOG.fine(() -> "dropped frame from " + packet.sender() + ": " + e.reason() + " " + e.getMessage());
            return;
        }
        for (GossipMessage msg : env.getMessagesList()) {
            switch (msg.getBodyCase()) {
                case ALIVE -> merge(msg.getAlive());
                case LEAVE -> left(msg.getLeave());
                default -> { /* the simple exchange ignores the SWIM message set */ }
            }
        }
    }

    private void merge(Alive alive) {
        String id = alive.getNodeId();
        if (id.isEmpty() || id.equals(settings.nodeId())) {
            return;
        }
        long updated = alive.getState().hasUpdatedAt() ? Timestamps.toMillis(alive.getState().getUpdatedAt()) : 0;
        Entry e = members.computeIfAbsent(id, k -> new Entry());
        synchronized (e) {
            if (updated <= e.freshestMs) {
                return;
            }
            e.freshestMs = updated;
            e.addr = alive.getAddr();
            e.state = alive.getState();
            NodeStatus before = e.status;
            e.status = NodeStatus.NODE_STATUS_ALIVE;
            if (before != NodeStatus.NODE_STATUS_ALIVE) {
                e.incarnation++;
            }
        }
        fire(id, e);
    }

    private void left(Leave leave) {
        Entry e = members.get(leave.getNodeId());
        if (e != null && e.status != NodeStatus.NODE_STATUS_LEFT) {
            e.status = NodeStatus.NODE_STATUS_LEFT;
            fire(leave.getNodeId(), e);
        }
    }

    private void judgeLiveness(long now) {
        members.forEach((id, e) -> {
            if (e.status == NodeStatus.NODE_STATUS_LEFT) {
                return;
            }
            long age = now - e.freshestMs;
            NodeStatus next = age >= settings.deadAfterMs() ? NodeStatus.NODE_STATUS_DEAD
                    : age >= settings.suspectAfterMs() ? NodeStatus.NODE_STATUS_SUSPECT : NodeStatus.NODE_STATUS_ALIVE;
            if (next != e.status) {
                e.status = next;
                fire(id, e);
            }
        });
    }

    private void fire(String id, Entry e) {
        MemberView v = view(id, e);
        for (MeshListener l : listeners) {
            try {
                l.memberChanged(v);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "mesh listener failed", ex);
            }
        }
    }

    private static InetSocketAddress parse(String addr) {
        int colon = addr.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            return new InetSocketAddress(addr.substring(0, colon), Integer.parseInt(addr.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() {
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        try {
            Envelope bye = Envelope.newBuilder().setVersion(FrameCodec.PROTOCOL_VERSION).setSenderId(settings.nodeId())
                    .setFrameSeq(frameSeq.incrementAndGet()).setSentAtMs(System.currentTimeMillis())
                    .addMessages(GossipMessage.newBuilder().setLeave(Leave.newBuilder().setNodeId(settings.nodeId())))
                    .build();
            byte[] bytes = codec.encode(bye);
            for (InetSocketAddress target : targets()) {
                ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), target));
            }
            ch.close().syncUninterruptibly();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "leave announcement failed", e);
            ch.close();
        }
    }
}
