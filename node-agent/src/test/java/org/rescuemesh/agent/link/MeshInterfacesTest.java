package org.rescuemesh.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshInterfacesTest {

    @TempDir
    Path sys;

    /** The sysfs shape of batman-adv: bat0 with lower_ links to its hard interfaces, one of them Wi-Fi. */
    private MeshInterfaces batmanHost() throws Exception {
        Files.createDirectories(sys.resolve("bat0"));
        Files.createDirectories(sys.resolve("mesh0/phy80211"));
        Files.createDirectories(sys.resolve("eth1"));
        Files.createSymbolicLink(sys.resolve("bat0/lower_mesh0"), sys.resolve("mesh0"));
        Files.createSymbolicLink(sys.resolve("bat0/lower_eth1"), sys.resolve("eth1"));
        return new MeshInterfaces(sys);
    }

    @Test
    void findsTheHardInterfacesOfABatmanSoftInterface() throws Exception {
        MeshInterfaces host = batmanHost();
        assertThat(host.lowerInterfaces("bat0")).containsExactly("eth1", "mesh0");
        assertThat(host.wifiInterfaceOf("bat0")).as("iw lists the stations of the Wi-Fi hard interface").isEqualTo("mesh0");
        assertThat(host.wifiInterfaceOf("wlan0")).isEqualTo("wlan0");
        assertThat(host.lowerInterfaces("mesh0")).isEmpty();
        assertThat(host.lowerInterfaces("../etc")).isEmpty();
    }

    @Test
    void aMissingOrAddresslessInterfaceYieldsNoMacsWithoutThrowing() {
        MeshInterfaces host = new MeshInterfaces(sys);
        assertThat(host.discover("rmtest-none0")).isEmpty();
        assertThat(host.discover("lo")).as("loopback has no EUI-48 address").isEmpty();
    }

    @Test
    void discoveryOfAllInterfacesKeepsUnicastAddressesOnly() {
        assertThat(new MeshInterfaces(sys).discover(null)).hasSizeLessThanOrEqualTo(MeshInterfaces.MAX_MACS)
                .allSatisfy(mac -> {
                    assertThat(mac.isZero()).isFalse();
                    assertThat(mac.isMulticast()).isFalse();
                });
    }
}
