package org.rescuemesh.coordinator.interop.meshtastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.meshtastic.v2.FromRadio;
import org.rescuemesh.meshtastic.v2.MeshPacket;
import org.rescuemesh.meshtastic.v2.MyNodeInfo;
import org.rescuemesh.meshtastic.v2.ToRadio;

class RadioStreamDecoderTest {

    /** A FromRadio framed as the radio frames it (header written here by hand, not by the code under test). */
    static byte[] framed(FromRadio m) {
        byte[] body = m.toByteArray();
        byte[] f = new byte[4 + body.length];
        f[0] = (byte) 0x94;
        f[1] = (byte) 0xC3;
        f[2] = (byte) (body.length >> 8);
        f[3] = (byte) body.length;
        System.arraycopy(body, 0, f, 4, body.length);
        return f;
    }

    private static FromRadio myInfo(int num) {
        return FromRadio.newBuilder().setId(num).setMyInfo(MyNodeInfo.newBuilder().setMyNodeNum(num)).build();
    }

    private static List<FromRadio> messages(List<RadioStreamDecoder.Item> items) {
        return items.stream().filter(i -> i instanceof RadioStreamDecoder.Message<?>)
                .map(i -> (FromRadio) ((RadioStreamDecoder.Message<?>) i).message()).toList();
    }

    @Test
    void framesSplitAnywhereAndDebugLogBetweenThemComeOutInOrder() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write("INFO  | 12:00:01 boot\r\n".getBytes(StandardCharsets.US_ASCII));
        stream.write(framed(myInfo(0x1234)));
        stream.write("DEBUG | radio idle\n".getBytes(StandardCharsets.US_ASCII));
        stream.write(framed(FromRadio.newBuilder().setConfigCompleteId(77).build()));
        stream.write(framed(FromRadio.newBuilder().setPacket(MeshPacket.newBuilder().setFrom(0xdeadbeef).setRxSnr(6.5f)).build()));
        byte[] all = stream.toByteArray();

        RadioStreamDecoder<FromRadio> decoder = RadioStreamDecoder.fromRadio();
        List<RadioStreamDecoder.Item> items = new ArrayList<>();
        for (byte b : all) {
            items.addAll(decoder.feed(new byte[] {b}));
        }
        List<FromRadio> got = messages(items);
        assertThat(items).hasSize(3);
        assertThat(got.get(0).getMyInfo().getMyNodeNum()).isEqualTo(0x1234);
        assertThat(got.get(1).getConfigCompleteId()).isEqualTo(77);
        assertThat(got.get(2).getPacket().getFrom()).isEqualTo(0xdeadbeef);
        assertThat(decoder.skippedBytes()).isEqualTo("INFO  | 12:00:01 boot\r\n".length() + "DEBUG | radio idle\n".length());

        assertThat(messages(RadioStreamDecoder.fromRadio().feed(all))).isEqualTo(got);
    }

    @Test
    void aFalseStartWithAnImpossibleLengthIsSkippedAndTheNextFrameStillRead() {
        byte[] falseStart = {(byte) 0x94, (byte) 0xC3, (byte) 0x7f, (byte) 0xff, 'x', 'y'};
        byte[] good = framed(myInfo(42));
        byte[] both = new byte[falseStart.length + good.length];
        System.arraycopy(falseStart, 0, both, 0, falseStart.length);
        System.arraycopy(good, 0, both, falseStart.length, good.length);
        List<FromRadio> got = messages(RadioStreamDecoder.fromRadio().feed(both));
        assertThat(got).hasSize(1);
        assertThat(got.get(0).getMyInfo().getMyNodeNum()).isEqualTo(42);
    }

    @Test
    void anUnreadableFrameIsReportedAndTheStreamGoesOn() {
        byte[] junkBody = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        byte[] bad = {(byte) 0x94, (byte) 0xC3, 0, (byte) junkBody.length, junkBody[0], junkBody[1], junkBody[2]};
        RadioStreamDecoder<FromRadio> decoder = RadioStreamDecoder.fromRadio();
        List<RadioStreamDecoder.Item> items = new ArrayList<>(decoder.feed(bad));
        items.addAll(decoder.feed(framed(myInfo(7))));
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isInstanceOf(RadioStreamDecoder.Rejected.class);
        assertThat(((RadioStreamDecoder.Rejected) items.get(0)).reason()).contains("unreadable frame of 3 bytes");
        assertThat(messages(items).get(0).getMyInfo().getMyNodeNum()).isEqualTo(7);
    }

    @Test
    void aPartialFrameWaitsForItsRest() {
        byte[] f = framed(myInfo(9));
        RadioStreamDecoder<FromRadio> decoder = RadioStreamDecoder.fromRadio();
        assertThat(decoder.feed(java.util.Arrays.copyOf(f, f.length - 1))).isEmpty();
        assertThat(messages(decoder.feed(new byte[] {f[f.length - 1]}))).hasSize(1);
        assertThat(decoder.skippedBytes()).isZero();
    }

    @Test
    void toRadioFramesCarryTheMarkerAndBigEndianLength() throws Exception {
        ToRadio want = ToRadio.newBuilder().setWantConfigId(0x12345678).build();
        byte[] f = RadioStreamDecoder.frame(want);
        assertThat(f[0] & 0xff).isEqualTo(0x94);
        assertThat(f[1] & 0xff).isEqualTo(0xC3);
        assertThat((f[2] & 0xff) << 8 | f[3] & 0xff).isEqualTo(f.length - 4);
        assertThat(ToRadio.parseFrom(java.util.Arrays.copyOfRange(f, 4, f.length))).isEqualTo(want);

        ToRadio huge = ToRadio.newBuilder().setPacket(MeshPacket.newBuilder().setEncrypted(
                com.google.protobuf.ByteString.copyFrom(new byte[600]))).build();
        assertThatThrownBy(() -> RadioStreamDecoder.frame(huge)).hasMessageMatching("message of 6[0-9][0-9] bytes is above the radio's 512");
    }
}
