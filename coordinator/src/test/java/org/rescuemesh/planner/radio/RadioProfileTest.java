package org.rescuemesh.planner.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RadioProfileTest {

    @Test
    void linkBudgetArithmetic() {
        RadioProfile p = new RadioProfile("test", 446, 30, 3, 2, 1, 1.5, -110);
        assertThat(p.eirpDbm()).isCloseTo(32, within(1e-12));
        assertThat(p.receivedPowerDbm(120)).isCloseTo(32 - 120 + 2 - 1.5, within(1e-12));
        assertThat(p.linkMarginDb(120)).isCloseTo(-87.5 + 110, within(1e-12));
        assertThat(p.maxPathLossDb()).isCloseTo(142.5, within(1e-12));
        assertThat(p.linkMarginDb(p.maxPathLossDb())).isCloseTo(0, within(1e-9));
    }

    @Test
    void loraSensitivityFollowsTheSpreadingFactor() {
        // SX127x at 125 kHz: SF7 ≈ -124 dBm … SF12 ≈ -137 dBm
        assertThat(RadioCatalogue.loraSensitivityDbm(7)).isCloseTo(-124, within(1.0));
        assertThat(RadioCatalogue.loraSensitivityDbm(12)).isCloseTo(-137, within(0.5));
        for (int sf = 8; sf <= 12; sf++) {
            assertThat(RadioCatalogue.loraSensitivityDbm(sf)).isLessThan(RadioCatalogue.loraSensitivityDbm(sf - 1));
        }
        assertThatThrownBy(() -> RadioCatalogue.loraSensitivityDbm(6)).hasMessageContaining("spreading factor");
    }

    @Test
    void catalogueCoversTheTeamsRadios() {
        assertThat(RadioCatalogue.all()).extracting(RadioProfile::name).contains("vhf-handheld", "uhf-handheld",
                "lora-868-sf7", "lora-868-sf12", "lora-915-sf7", "lora-915-sf12", "wifi-mesh-2.4", "wifi-mesh-5");
        assertThat(RadioCatalogue.byName("lora-868-sf12").frequencyMhz()).isEqualTo(868);
        assertThat(RadioCatalogue.byName("lora-915-sf9").sensitivityDbm()).isEqualTo(RadioCatalogue.loraSensitivityDbm(9));
        // SF12 tolerates 12.5 dB more path loss than SF7 on the same hardware
        assertThat(RadioCatalogue.byName("lora-868-sf12").maxPathLossDb() - RadioCatalogue.byName("lora-868-sf7").maxPathLossDb())
                .isCloseTo(12.5, within(1e-9));
        assertThatThrownBy(() -> RadioCatalogue.byName("cb-radio")).hasMessageContaining("unknown radio profile 'cb-radio'");
        assertThat(RadioCatalogue.isKnown("lora-868-sf12")).isTrue();
        assertThat(RadioCatalogue.isKnown("cb-radio")).isFalse();
        assertThat(RadioCatalogue.isKnown(null)).isFalse();
        assertThat(RadioCatalogue.isKnown("")).isFalse();
    }

    @Test
    void invalidProfilesAreRejectedWithTheFieldNamed() {
        assertThatThrownBy(() -> new RadioProfile("x", 10, 30, 0, 0, 0, 0, -110)).hasMessageContaining("frequency");
        assertThatThrownBy(() -> new RadioProfile("x", 25_000, 30, 0, 0, 0, 0, -110)).hasMessageContaining("frequency");
        assertThatThrownBy(() -> new RadioProfile("x", 446, 90, 0, 0, 0, 0, -110)).hasMessageContaining("tx power");
        assertThatThrownBy(() -> new RadioProfile("x", 446, 30, 0, 0, -1, 0, -110)).hasMessageContaining("tx losses");
        assertThatThrownBy(() -> new RadioProfile("x", 446, 30, 0, 0, 0, 0, 5)).hasMessageContaining("sensitivity");
        assertThatThrownBy(() -> new RadioProfile("x", 446, 30, 0, Double.NaN, 0, 0, -110)).hasMessageContaining("rx antenna gain");
        assertThatThrownBy(() -> new RadioProfile(" ", 446, 30, 0, 0, 0, 0, -110)).hasMessageContaining("name");
        assertThatThrownBy(() -> new RadioProfile("x", 446, 30, 0, 0, 0, 0, -110).linkMarginDb(Double.NaN))
                .hasMessageContaining("path loss");
    }

    @Test
    void dipoleErpFollowsTheSplatConvention() {
        // 1 W ERP = 30 dBm ERP = 32.14 dBm EIRP
        assertThat(DipoleErp.eirpDbm(1.0)).isCloseTo(32.14, within(1e-12));
        assertThat(DipoleErp.receivedPowerDbm(10.0, 120.0)).isCloseTo(40 + 2.14 - 120, within(1e-12));
        assertThatThrownBy(() -> DipoleErp.eirpDbm(0)).hasMessageContaining("ERP");
        assertThatThrownBy(() -> DipoleErp.eirpDbm(Double.NaN)).hasMessageContaining("ERP");
    }
}
