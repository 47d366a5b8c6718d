package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VersionedValueTest {

    static byte[] v(long version, long counter, String payload) {
        return VersionedValue.encode(version, counter, payload.getBytes(StandardCharsets.UTF_8));
    }

    static String payload(byte[] value) {
        return new String(VersionedValue.payload(value), StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsHeaderAndPayload() {
        byte[] x = v(1_700_000_000_123L, 42, "fix");
        assertThat(VersionedValue.version(x)).isEqualTo(1_700_000_000_123L);
        assertThat(VersionedValue.counter(x)).isEqualTo(42);
        assertThat(payload(x)).isEqualTo("fix");
    }

    @Test
    void laterVersionWinsAndCounterIsTheMaximum() {
        byte[] older = v(100, 9, "old");
        byte[] newer = v(200, 3, "new");
        byte[] merged = VersionedValue.merge(older, newer);
        assertThat(payload(merged)).isEqualTo("new");
        assertThat(VersionedValue.version(merged)).isEqualTo(200);
        assertThat(VersionedValue.counter(merged)).isEqualTo(9);
        assertThat(payload(VersionedValue.merge(newer, older))).isEqualTo("new");
    }

    @Test
    void aTieKeepsTheExistingValueAndUnreadableValuesLose() {
        byte[] existing = v(100, 1, "here");
        assertThat(VersionedValue.merge(existing, v(100, 1, "replayed"))).isSameAs(existing);
        assertThat(VersionedValue.merge(null, existing)).isSameAs(existing);
        assertThat(VersionedValue.merge(new byte[3], existing)).isSameAs(existing);
        assertThat(VersionedValue.merge(existing, new byte[3])).isSameAs(existing);
    }

    @Test
    void aMessageIsEncodedExactlyAsItsBytesWouldBe() throws Exception {
        org.rescuemesh.proto.v1.GeoPosition p = org.rescuemesh.proto.v1.GeoPosition.newBuilder().setLatDeg(11.5)
                .setLonDeg(125.25).setSource("agency:coast-guard").build();
        byte[] direct = VersionedValue.encode(7, 3, p);
        assertThat(direct).isEqualTo(VersionedValue.encode(7, 3, p.toByteArray()));
        assertThat(org.rescuemesh.proto.v1.GeoPosition.parseFrom(VersionedValue.payload(direct))).isEqualTo(p);
    }
}
