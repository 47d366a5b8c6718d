package org.rescuemesh.gossip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.io.DataOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rescuemesh.gossip.GossipConfig;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.Ping;

/** Garbage on the gossip port is dropped and counted; the node keeps working. */
class SwimMeshBadInputTest {

    @Test
    void malformedFramesAreCountedNeverFatal() throws Exception {
        GossipConfig fast = GossipConfig.lan().withTimeScale(0.2);
        SwimMesh a = SwimMesh.plain("a", new InetSocketAddress("127.0.0.1", 0), List.of(), fast);
        try {
            InetSocketAddress target = a.start();
            SplittableRandom random = new SplittableRandom(42);
            byte[] valid = Envelope.newBuilder().setVersion(1).setSenderId("x").setFrameSeq(1)
                    .addMessages(GossipMessage.newBuilder().setPing(Ping.newBuilder().setSeqNo(1).setTargetId("a")))
                    .build().toByteArray();
            byte[] wrongVersion = Envelope.newBuilder().setVersion(9).setSenderId("x").build().toByteArray();
            try (DatagramSocket s = new DatagramSocket()) {
                // the specific cases first and paced: UDP drops what a flooded socket cannot take
                s.send(new DatagramPacket(wrongVersion, wrongVersion.length, target));
                byte[] huge = new byte[5_000];
                s.send(new DatagramPacket(huge, huge.length, target));
                for (int cut = 1; cut < valid.length; cut++) {
                    s.send(new DatagramPacket(valid, cut, target));
                    Thread.sleep(1);
                }
                for (int i = 0; i < 2_000; i++) {
                    byte[] frame = new byte[1 + random.nextInt(1_400)];
                    random.nextBytes(frame);
                    s.send(new DatagramPacket(frame, frame.length, target));
                    if (i % 100 == 0) {
                        Thread.sleep(2);
                    }
                }
            }
            // and a TCP stream claiming a 2 GB frame
            try (Socket tcp = new Socket(target.getAddress(), target.getPort());
                 DataOutputStream out = new DataOutputStream(tcp.getOutputStream())) {
                out.writeInt(Integer.MAX_VALUE);
                out.write(new byte[64]);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Map<FrameRejectedException.Reason, Long> r = a.rejectedFrames();
                return r.get(FrameRejectedException.Reason.MALFORMED) > 100
                        && r.get(FrameRejectedException.Reason.UNKNOWN_VERSION) >= 1
                        && r.get(FrameRejectedException.Reason.OVERSIZED) >= 1;
            });
            assertThat(a.internalErrors()).isZero();
            // still a working member: c joins through a afterwards
            SwimMesh c = SwimMesh.plain("c", new InetSocketAddress("127.0.0.1", 0), List.of(a.address()), fast);
            try {
                c.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> a.members().size() == 2 && c.members().size() == 2);
            } finally {
                c.kill();
            }
        } finally {
            a.kill();
        }
    }
}
