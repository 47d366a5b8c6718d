package org.rescuemesh.gossip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rescuemesh.gossip.Datagram;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.MemberState;

/**
 * Netty I/O for the gossip core: one UDP socket for probes and gossip and a TCP listener on the
 * same port for push-pull, all on one event loop (so the core is only ever touched by that
 * thread). Every received frame goes through the {@link FrameCodec}; a frame that fails is
 * dropped and counted by reason, never thrown at the node. A drop filter cuts traffic to and
 * from chosen peers (partition tests).
 */
public final class GossipTransport implements AutoCloseable {

    /** Receives decoded envelopes on the event loop. */
    @FunctionalInterface
    public interface Receiver {
        void received(String from, Envelope envelope);
    }

    /** Largest TCP frame accepted (push-pull of a large cluster). */
    public static final int MAX_STREAM_FRAME = 16 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(GossipTransport.class.getName());

    private final EventLoop loop;
    private final FrameCodec datagramCodec;
    private final FrameCodec streamCodec;
    private final Receiver receiver;
    private final Map<FrameRejectedException.Reason, LongAdder> rejected = new EnumMap<>(FrameRejectedException.Reason.class);
    private final LongAdder internalErrors = new LongAdder();
    private final AtomicLong sendFailures = new AtomicLong();
    private final Map<String, InetSocketAddress> resolved = new ConcurrentHashMap<>();
    private volatile Set<String> blocked = Set.of();
    private volatile Map<String, Double> outboundLoss = Map.of();
    private Channel udp;
    private Channel tcp;

    public GossipTransport(EventLoop loop, FrameCodec datagramCodec, FrameCodec streamCodec, Receiver receiver) {
        this.loop = loop;
        this.datagramCodec = datagramCodec;
        this.streamCodec = streamCodec;
        this.receiver = receiver;
        for (FrameRejectedException.Reason r : FrameRejectedException.Reason.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    /** Binds UDP and TCP on {@code bind} (port 0: any free port, the same for both). */
    public InetSocketAddress bind(InetSocketAddress bind) throws InterruptedException {
        // same port number for TCP: try until both sockets get it when the port is ephemeral
        for (int attempt = 0; ; attempt++) {
            // a fresh bootstrap per attempt: its handler instance belongs to one channel only
            Bootstrap b = new Bootstrap()
                    .group(loop)
                    .channel(NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, 1 << 20)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            onDatagram(packet);
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            internalErrors.increment();
                        }
                    });
            udp = b.bind(bind).sync().channel();
            InetSocketAddress bound = (InetSocketAddress) udp.localAddress();
            try {
                tcp = new ServerBootstrap()
                        .group(loop)
                        .channel(NioServerSocketChannel.class)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline()
                                        .addLast(new LengthFieldBasedFrameDecoder(MAX_STREAM_FRAME, 0, 4, 0, 4))
                                        .addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                                            @Override
                                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                                                onStreamFrame(ctx.channel(), frame);
                                            }

                                            @Override
                                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                                count(FrameRejectedException.Reason.MALFORMED);
                                                ctx.close();
                                            }
                                        });
                            }
                        })
                        .bind(bound).sync().channel();
                return bound;
            } catch (Exception e) {
                udp.close().sync();
                if (bind.getPort() != 0 || attempt >= 20) {
                    throw new IllegalStateException("cannot bind TCP " + bound + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Drops all traffic to and from these "host:port" gossip addresses (empty set: none). */
    public void setBlocked(Set<String> addresses) {
        this.blocked = Set.copyOf(addresses);
    }

    /**
     * Drops this fraction (0..1) of the datagrams sent to each "host:port" address: the loss of a
     * simulated radio link (the demo's field runs on loopback, which never loses anything). Stream
     * frames ride TCP, which retransmits, and are never dropped here. Empty map: no loss.
     */
    public void setOutboundLoss(Map<String, Double> lossByAddress) {
        lossByAddress.forEach((address, loss) -> {
            if (!(loss >= 0 && loss <= 1)) {
                throw new IllegalArgumentException("loss towards " + address + " must be within 0..1, got " + loss);
            }
        });
        this.outboundLoss = Map.copyOf(lossByAddress);
    }

    /** Sends one frame of the core; must run on the event loop. */
    public void send(Datagram d) {
        if (blocked.contains(d.address())) {
            return;
        }
        if (!d.stream()) {
            Double loss = outboundLoss.get(d.address());
            if (loss != null && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < loss) {
                return;
            }
        }
        InetSocketAddress to;
        try {
            to = resolved.computeIfAbsent(d.address(), GossipTransport::parse);
        } catch (IllegalArgumentException e) {
            sendFailures.incrementAndGet();
            return;
        }
        if (d.stream()) {
            sendStream(to, streamCodec.encode(d.envelope()));
        } else {
            byte[] frame = datagramCodec.encode(d.envelope());
            udp.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(frame), to)).addListener(f -> {
                if (!f.isSuccess()) {
                    sendFailures.incrementAndGet();
                }
            });
        }
    }

    private void sendStream(InetSocketAddress to, byte[] frame) {
        new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldPrepender(4));
                    }
                })
                .connect(to)
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        sendFailures.incrementAndGet();
                        return;
                    }
                    f.channel().writeAndFlush(Unpooled.wrappedBuffer(frame)).addListener(ChannelFutureListener.CLOSE);
                });
    }

    private void onDatagram(DatagramPacket packet) {
        String from = format(packet.sender());
        if (blocked.contains(from)) {
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        Envelope envelope = decode(datagramCodec, bytes);
        if (envelope != null) {
            deliver(from, envelope);
        }
    }

    private void onStreamFrame(Channel channel, ByteBuf frame) {
        String from = format((InetSocketAddress) channel.remoteAddress());
        byte[] bytes = ByteBufUtil.getBytes(frame);
        Envelope envelope = decode(streamCodec, bytes);
        if (envelope == null || streamSenderBlocked(envelope)) {
            return;
        }
        deliver(from, envelope);
    }

    /** A TCP peer connects from an ephemeral port: look up its advertised address in the frame. */
    private boolean streamSenderBlocked(Envelope envelope) {
        Set<String> b = blocked;
        if (b.isEmpty()) {
            return false;
        }
        for (GossipMessage m : envelope.getMessagesList()) {
            if (m.hasPushPull()) {
                for (MemberState s : m.getPushPull().getMembersList()) {
                    if (s.getNodeId().equals(envelope.getSenderId())) {
                        return b.contains(s.getAddr());
                    }
                }
            }
        }
        return false;
    }

    private Envelope decode(FrameCodec codec, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (FrameRejectedException e) {
            count(e.reason());
        } catch (RuntimeException e) {
            // a codec bug must not take the node down either
            count(FrameRejectedException.Reason.MALFORMED);
        }
        return null;
    }

    private void deliver(String from, Envelope envelope) {
        try {
            receiver.received(from, envelope);
        } catch (RuntimeException e) {
            internalErrors.increment();
            LOG.log(Level.WARNING, "gossip core failed on a frame from " + from, e);
        }
    }

    private void count(FrameRejectedException.Reason reason) {
        rejected.get(reason).increment();
    }

    /** Frames dropped so far, per reason. */
    public Map<FrameRejectedException.Reason, Long> rejectedFrames() {
        Map<FrameRejectedException.Reason, Long> out = new EnumMap<>(FrameRejectedException.Reason.class);
        rejected.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Frames the core failed on (bugs), counted instead of crashing. */
    public long internalErrors() {
        return internalErrors.sum();
    }

    public long sendFailures() {
        return sendFailures.get();
    }

    @Override
    public void close() {
        if (udp != null) {
            udp.close().syncUninterruptibly();
        }
        if (tcp != null) {
            tcp.close().syncUninterruptibly();
        }
    }

    static String format(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + a.getPort() : host + ":" + a.getPort();
    }

    /** "host:port" or "[v6]:port" to an address (no DNS for literals). */
    static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("address '" + address + "' is not host:port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + address + "' has no numeric port");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("address '" + address + "' port out of range");
        }
        return new InetSocketAddress(host, port);
    }
}
