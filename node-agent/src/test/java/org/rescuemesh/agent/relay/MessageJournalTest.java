package org.rescuemesh.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.MessageState;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;

/** The journal on a real file: replay, torn and corrupt tails, compaction. */
class MessageJournalTest {

    private static final NodeState PROFILE = NodeState.newBuilder().setNodeId("A").setTeam("alpha")
            .setKind(NodeKind.NODE_KIND_AGENT).build();
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("A").resolve("messages.journal");
    }

    private RelayCore core(MessageJournal j, RelayConfig c) {
        return new RelayCore("A", PROFILE, c, j);
    }

    @Test
    void replayRestoresMessagesAndReceipts() throws Exception {
        try (MessageJournal j = MessageJournal.open(file())) {
            RelayCore a = core(j, RelayConfig.lan());
            a.submit(RelayCoreTest.draft("m-1", "node:C", MessagePriority.MESSAGE_PRIORITY_SOS, 600), T0);
            a.submit(RelayCoreTest.draft("m-2", "team:bravo", MessagePriority.MESSAGE_PRIORITY_ROUTINE, 600), T0);
            a.onReceipt("B", receipt("m-1", "B", MessageState.MESSAGE_STATE_FORWARDED), T0 + 5);
        }
        try (MessageJournal j = MessageJournal.open(file())) {
            assertThat(j.replayed().droppedBytes()).isZero();
            RelayCore a = core(j, RelayConfig.lan());
            assertThat(a.outbound()).extracting(StoredMessage::id).containsExactlyInAnyOrder("m-1", "m-2");
            StoredMessage m1 = a.message("m-1").orElseThrow();
            assertThat(m1.state(T0 + 10)).isEqualTo(MessageState.MESSAGE_STATE_FORWARDED);
            assertThat(m1.message().getPriority()).isEqualTo(MessagePriority.MESSAGE_PRIORITY_SOS);
            assertThat(m1.message().getFromId()).isEqualTo("A");
        }
    }

    @Test
    void tornTailRecordIsDroppedCountedAndCutOff() throws Exception {
        long goodSize;
        try (MessageJournal j = MessageJournal.open(file())) {
            RelayCore a = core(j, RelayConfig.lan());
            a.submit(RelayCoreTest.draft("m-1", "node:C", MessagePriority.MESSAGE_PRIORITY_SOS, 600), T0);
            a.submit(RelayCoreTest.draft("m-2", "node:C", MessagePriority.MESSAGE_PRIORITY_SOS, 600), T0);
            goodSize = j.size();
            a.submit(RelayCoreTest.draft("m-3", "node:C", MessagePriority.MESSAGE_PRIORITY_SOS, 600), T0);
        }
        // a crash in the middle of writing m-3: only part of its record reached the disk
        long full = Files.size(file());
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.truncate(goodSize + (full - goodSize) / 2);
        }
        try (MessageJournal j = MessageJournal.open(file())) {
            assertThat(j.replayed().droppedRecords()).isEqualTo(1);
            assertThat(j.replayed().droppedBytes()).isEqualTo((full - goodSize) / 2);
            assertThat(Files.size(file())).isEqualTo(goodSize);
            RelayCore a = core(j, RelayConfig.lan());
            assertThat(a.stats().journalTailBytes()).isEqualTo((full - goodSize) / 2);
            assertThat(a.outbound()).extracting(StoredMessage::id).containsExactlyInAnyOrder("m-1", "m-2");
            // appends continue after the last good record
            a.submit(RelayCoreTest.draft("m-4", "node:C", MessagePriority.MESSAGE_PRIORITY_SOS, 600), T0);
        }
        try (MessageJournal j = MessageJournal.open(file())) {
            assertThat(j.replayed().droppedBytes()).isZero();
            assertThat(core(j, RelayConfig.lan()).outbound()).extracting(StoredMessage::id)
                    .containsExactlyInAnyOrder("m-1", "m-2", "m-4");
        }
    }

    @Test
    void corruptRecordEndsTheReplayWithoutFailing() throws Exception {
        long firstEnd;
        try (MessageJournal j = MessageJournal.open(file())) {
            RelayCore a = core(j, RelayConfig.lan());
            a.submit(RelayCoreTest.draft("m-1", "node:C", MessagePriority.MESSAGE_PRIORITY_SOS, 600), T0);
            firstEnd = j.size();
            a.submit(RelayCoreTest.draft("m-2", "node:C", MessagePriority.MESSAGE_PRIORITY_SOS, 600), T0);
        }
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x55}), firstEnd + 20); // a flipped byte inside m-2's body
        }
        try (MessageJournal j = MessageJournal.open(file())) {
            assertThat(j.replayed().droppedRecords()).isEqualTo(1);
            assertThat(core(j, RelayConfig.lan()).outbound()).extracting(StoredMessage::id).containsExactly("m-1");
        }
        // garbage lengths are no better than a torn write
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3, 4, 5}), firstEnd);
        }
        try (MessageJournal j = MessageJournal.open(file())) {
            assertThat(j.replayed().droppedBytes()).isEqualTo(9);
            assertThat(j.replayed().entries()).hasSize(1);
        }
    }

    @Test
    void foreignFileIsRefusedAndEmptyFileIsANewJournal() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "hello, not a journal");
        assertThatThrownBy(() -> MessageJournal.open(file())).isInstanceOf(IOException.class).hasMessageContaining("bad magic");
        Files.write(file(), new byte[] {'R', 'M'}); // crash while creating it
        try (MessageJournal j = MessageJournal.open(file())) {
            assertThat(j.replayed().entries()).isEmpty();
            assertThat(j.size()).isEqualTo(4);
        }
    }

    @Test
    void compactionDropsMessagesPastRetentionAndKeepsTheRest() throws Exception {
        RelayConfig small = new RelayConfig(3, 8, 2_000, 3, 64, 1_000, 2_000);
        try (MessageJournal j = MessageJournal.open(file())) {
            RelayCore a = core(j, small);
            for (int i = 0; i < 40; i++) {
                a.submit(RelayCoreTest.draft("old-" + i, "node:C", MessagePriority.MESSAGE_PRIORITY_ROUTINE, 1), T0);
            }
            a.submit(RelayCoreTest.draft("keep", "node:C", MessagePriority.MESSAGE_PRIORITY_URGENT, 3600), T0);
            a.onReceipt("B", receipt("keep", "B", MessageState.MESSAGE_STATE_FORWARDED), T0);
            long before = j.size();
            assertThat(before).isGreaterThan(2_000);
            a.tick(List.of(), T0 + 10_000); // the 1 s messages expired and their 1 s retention passed
            assertThat(a.stats().compactions()).isEqualTo(1);
            assertThat(j.size()).isLessThan(before / 5);
            assertThat(a.held()).isEqualTo(1);
            a.submit(RelayCoreTest.draft("after", "node:C", MessagePriority.MESSAGE_PRIORITY_URGENT, 3600), T0 + 10_000);
        }
        try (MessageJournal j = MessageJournal.open(file())) {
            assertThat(j.replayed().droppedBytes()).isZero();
            RelayCore a = core(j, small);
            assertThat(a.outbound()).extracting(StoredMessage::id).containsExactlyInAnyOrder("keep", "after");
            assertThat(a.message("keep").orElseThrow().receipts()).hasSize(1);
        }
    }

    private static org.rescuemesh.proto.v1.RelayReceipt receipt(String id, String by, MessageState s) {
        return org.rescuemesh.proto.v1.RelayReceipt.newBuilder().setMessageId(id).setById(by).setState(s)
                .setAt(com.google.protobuf.util.Timestamps.fromMillis(T0)).build();
    }
}
