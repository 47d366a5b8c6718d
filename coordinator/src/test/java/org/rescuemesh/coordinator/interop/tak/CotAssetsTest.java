package org.rescuemesh.coordinator.interop.tak;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.tak.v1.CotEvent;

class CotAssetsTest {

    @Test
    void anAtakTeamMemberBecomesAnAgencyPosition() {
        CotEvent e = CotXml.read(CotStreamDecoderTest.atak("ANDROID-5f2c", 11.17, 124.88).getBytes(StandardCharsets.UTF_8)).event();
        AssetPosition a = CotAssets.toAsset(e).orElseThrow();
        assertThat(a.getAssetId()).isEqualTo("ANDROID-5f2c");
        assertThat(a.getSource()).isEqualTo("tak");
        assertThat(a.getLabel()).isEqualTo("RESCUE-ANDROID-5f2c");
        assertThat(a.getKind()).isEqualTo("team");
        assertThat(a.getLat()).isEqualTo(11.17);
        assertThat(a.getAltM()).isEqualTo(35.2);
        assertThat(a.getAccuracyM()).isEqualTo(4.9);
        assertThat(a.getSpeedMps()).isEqualTo(1.4);
        assertThat(a.getHeadingDeg()).isEqualTo(271.5);
        assertThat(Timestamps.toMillis(a.getObservedAt())).isEqualTo(e.getSendTime());
    }

    @Test
    void unknownHeightsStayUnknownAndNonPositionsAreNotAssets() {
        CotEvent e = CotEvent.newBuilder().setType("a-n-S-X").setUid("ferry").setLat(11).setLon(125)
                .setHae(CotAssets.UNKNOWN).setCe(CotAssets.UNKNOWN).setSendTime(1).build();
        AssetPosition a = CotAssets.toAsset(e).orElseThrow();
        assertThat(a.getAltM()).isZero();
        assertThat(a.getAccuracyM()).isZero();
        assertThat(a.getLabel()).isEqualTo("ferry");
        assertThat(a.getKind()).isEqualTo("boat");
        assertThat(CotAssets.toAsset(e.toBuilder().setType("b-t-f").build())).isEmpty();
        assertThat(CotAssets.toAsset(e.toBuilder().setType("t-x-d-d").build())).isEmpty();
    }

    @Test
    void kindsFollowTheBattleDimension() {
        assertThat(CotAssets.kindOf("a-f-A-M-H")).isEqualTo("helicopter");
        assertThat(CotAssets.kindOf("a-f-A-C-F")).isEqualTo("aircraft");
        assertThat(CotAssets.kindOf("a-f-G-E-V-C")).isEqualTo("vehicle");
        assertThat(CotAssets.kindOf("a-h-G")).isEqualTo("ground");
        assertThat(CotAssets.kindOf("a-u-S")).isEqualTo("boat");
        assertThat(CotAssets.kindOf("a")).isEqualTo("unknown");
    }
}
