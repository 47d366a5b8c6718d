package org.rescuemesh.agent.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import org.rescuemesh.gossip.GossipConfig;
import org.rescuemesh.gossip.transport.FrameCodec;
import org.rescuemesh.gossip.transport.GossipTransport;
import org.rescuemesh.gossip.transport.PlainFrameCodec;
import org.rescuemesh.gossip.transport.SwimMesh;
import org.rescuemesh.gossip.wire.KeyFileException;
import org.rescuemesh.gossip.wire.Keyring;
import org.rescuemesh.gossip.wire.ReplayWindow;
import org.rescuemesh.gossip.wire.SealedFrameCodec;

/**
 * How a node's gossip frames are coded: sealed under the mission keyring (AES-256-GCM, one
 * replay window shared by the UDP and TCP codecs so a frame cannot be replayed across them), or
 * plain — loudly — without one.
 */
public final class GossipCodecs {

    private static final Logger LOG = Logger.getLogger(GossipCodecs.class.getName());

    /** The datagram codec and the push-pull stream codec of one node. */
    public record Pair(FrameCodec datagram, FrameCodec stream) {
    }

    private GossipCodecs() {
    }

    /** Reads the key file; null gives null (plain frames). */
    public static Keyring keyring(Path keyFile) throws KeyFileException {
        return keyFile == null ? null : Keyring.load(keyFile);
    }

    /** Codecs for one node; {@code keys} null means plain frames. */
    public static Pair forNode(Keyring keys, int maxDatagramBytes) {
        if (keys == null) {
            LOG.warning("no mission key: gossip frames are NOT encrypted or authenticated; use only on a trusted lab network");
            return new Pair(new PlainFrameCodec(maxDatagramBytes), new PlainFrameCodec(GossipTransport.MAX_STREAM_FRAME));
        }
        ReplayWindow replay = new ReplayWindow(System::currentTimeMillis);
        return new Pair(new SealedFrameCodec(keys, maxDatagramBytes, replay),
                new SealedFrameCodec(keys, GossipTransport.MAX_STREAM_FRAME, replay));
    }

    /** A SWIM member with its own codecs. */
    public static SwimMesh swimMesh(String nodeId, InetSocketAddress bind, List<String> seeds, GossipConfig config,
                                    Keyring keys) {
        Pair codecs = forNode(keys, config.maxFrameBytes());
        return new SwimMesh(nodeId, bind, null, seeds, config, codecs.datagram(), codecs.stream());
    }
}
