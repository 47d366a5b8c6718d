package org.rescuemesh.agent.relay;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.RelayMessage;

/**
 * Bench command (not a test): what the durable message store costs on this disk — accepting a
 * message (journal append + force, what the 202 waits for), replaying the journal at start, and
 * compacting it. Prints one JSON object.
 * Run: {@code java -cp node-agent/target/node-agent.jar org.rescuemesh.agent.relay.MessageStoreBench [DIR] [N]}
 * (DIR default: a temporary directory, deleted afterwards; N default 2000 messages of 200 B text).
 */
public final class MessageStoreBench {

    private MessageStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("rescuemesh-msg-bench");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path dir = Files.createTempDirectory(Files.createDirectories(base), "store");
        NodeState self = NodeState.newBuilder().setNodeId("bench").setTeam("t").setKind(NodeKind.NODE_KIND_AGENT).build();
        long t0 = System.currentTimeMillis();
        long[] acceptNs = new long[n];
        String text = "x".repeat(200);
        try (MessageJournal j = MessageJournal.open(dir.resolve(SwimRelay.JOURNAL))) {
            RelayCore core = new RelayCore("bench", self, RelayConfig.lan(), j);
            for (int i = 0; i < n; i++) {
                RelayMessage draft = RelayMessage.newBuilder().setMessageId("m-" + i).setTo("node:peer")
                        .setText(text).setPriority(MessagePriority.MESSAGE_PRIORITY_ROUTINE)
                        .setLifetimeS(i % 4 == 0 ? 86_400 : 60).setAttachment(ByteString.EMPTY).build();
                long s = System.nanoTime();
                core.submit(draft, t0 + i);
                acceptNs[i] = System.nanoTime() - s;
            }
        }
        long size = Files.size(dir.resolve(SwimRelay.JOURNAL));
        long rs = System.nanoTime();
        int held;
        long compactNs;
        long compactedSize;
        try (MessageJournal j = MessageJournal.open(dir.resolve(SwimRelay.JOURNAL))) {
            RelayCore core = new RelayCore("bench", self, new RelayConfig(3, 8, 2_000, 3, 64, 0, 1), j);
            held = core.held();
            long replayNs = System.nanoTime() - rs;
            // three messages in four (60 s lifetime) are past expiry and retention 0: the tick compacts them away
            long cs = System.nanoTime();
            core.tick(List.of(), t0 + n + 61_000);
            compactNs = System.nanoTime() - cs;
            compactedSize = j.size();
            Arrays.sort(acceptNs);
            System.out.printf(Locale.ROOT, "{\"messages\":%d,\"journalBytes\":%d,\"acceptP50Ms\":%.3f,\"acceptP99Ms\":%.3f,"
                            + "\"acceptMaxMs\":%.3f,\"acceptsPerS\":%.0f,\"replayMs\":%.1f,\"replayedMessages\":%d,"
                            + "\"tickWithCompactionMs\":%.1f,\"bytesAfterCompaction\":%d}%n",
                    n, size, acceptNs[n / 2] / 1e6, acceptNs[(int) (n * 0.99)] / 1e6, acceptNs[n - 1] / 1e6,
                    n / (Arrays.stream(acceptNs).sum() / 1e9), replayNs / 1e6, held, compactNs / 1e6, compactedSize);
        }
        if (args.length == 0) {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
