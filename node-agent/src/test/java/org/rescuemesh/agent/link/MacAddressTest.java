package org.rescuemesh.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MacAddressTest {

    @Test
    void readsColonAndDashFormsInEitherCaseAndWritesLowerCaseColons() {
        MacAddress mac = MacAddress.parse("02:BA:7a:DF:00:01");
        assertThat(mac.toString()).isEqualTo("02:ba:7a:df:00:01");
        assertThat(MacAddress.parse("02-ba-7a-df-00-01")).isEqualTo(mac);
        assertThat(mac.toBytes()).containsExactly(0x02, 0xba, 0x7a, 0xdf, 0x00, 0x01);
        assertThat(MacAddress.of(mac.toByteString())).isEqualTo(mac);
        assertThat(MacAddress.parse("ff:ff:ff:ff:ff:ff").toString()).isEqualTo("ff:ff:ff:ff:ff:ff");
    }

    @Test
    void flagsAddressesThatNameNoStation() {
        assertThat(MacAddress.parse("00:00:00:00:00:00").isZero()).isTrue();
        assertThat(MacAddress.parse("01:00:5e:00:00:fb").isMulticast()).isTrue();
        assertThat(MacAddress.parse("02:ba:7a:df:00:01").isMulticast()).isFalse();
    }

    @Test
    void rejectsWhatIsNotAMacWithTheText() {
        for (String bad : new String[]{"", "02:ba:7a:df:00", "02:ba:7a:df:00:0g", "02:ba:7a:df:00:011",
                "02.ba.7a.df.00.01", "node-b.bat-hosts", "02:ba:7a:df:00:01:02"}) {
            assertThatThrownBy(() -> MacAddress.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> MacAddress.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MacAddress.of(new byte[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 bytes");
    }
}
