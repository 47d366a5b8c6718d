package org.rescuemesh.agent.cli;

import java.nio.file.Path;
import java.util.logging.Logger;
import org.rescuemesh.gossip.transport.FrameCodec;
import org.rescuemesh.gossip.transport.PlainFrameCodec;
import org.rescuemesh.gossip.wire.CountingFrameCodec;
import org.rescuemesh.gossip.wire.FrameCounters;
import org.rescuemesh.gossip.wire.KeyFileException;
import org.rescuemesh.gossip.wire.Keyring;
import org.rescuemesh.gossip.wire.ReplayWindow;
import org.rescuemesh.gossip.wire.SealedFrameCodec;

/** The frame codec of a node: sealed under the mission keyring, or plain (loudly) without one. */
public final class MissionCodec {

    private static final Logger LOG = Logger.getLogger(MissionCodec.class.getName());

    private MissionCodec() {
    }

    /**
     * @param keyFile  mission key file (base64 keys, first = primary) or null for plain frames
     * @param maxFrame datagram limit in bytes (1,200 lan, 200 lora)
     */
    public static FrameCodec open(Path keyFile, int maxFrame, FrameCounters counters) throws KeyFileException {
        if (keyFile == null) {
            LOG.warning("no --key-file: gossip frames are NOT encrypted or authenticated; use only on a trusted lab network");
            return new CountingFrameCodec(new PlainFrameCodec(maxFrame), counters);
        }
        return sealed(Keyring.load(keyFile), maxFrame, counters);
    }

    public static FrameCodec sealed(Keyring keyring, int maxFrame, FrameCounters counters) {
        return new CountingFrameCodec(new SealedFrameCodec(keyring, maxFrame,
                new ReplayWindow(System::currentTimeMillis)), counters);
    }
}
