package org.rescuemesh.agent.link;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds this host's mesh radio MACs, to gossip them ({@code NodeState.mesh_macs}). With an
 * interface named ({@code --mesh-interface bat0|wlan0|mesh0}): that interface's address plus,
 * for a batman-adv soft interface, the addresses of its hard interfaces (sysfs
 * {@code /sys/class/net/NAME/lower_*}), since batctl names neighbours by those. Without a name:
 * every interface that is up, not loopback, not virtual and has a unicast EUI-48 address.
 */
public final class MeshInterfaces {

    /** Keeps the gossiped state small: a field node has a handful of radios at most. */
    public static final int MAX_MACS = 8;
    static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private static final System.Logger LOG = System.getLogger(MeshInterfaces.class.getName());

    private final Path sysClassNet;

    public MeshInterfaces() {
        this(SYS_CLASS_NET);
    }

    /** @param sysClassNet where the kernel lists interfaces (a copy of the tree in tests) */
    MeshInterfaces(Path sysClassNet) {
        this.sysClassNet = sysClassNet;
    }

    /**
     * MACs to gossip. Never throws: an interface that is missing or has no hardware address
     * yields none, with a warning naming it.
     *
     * @param meshInterface the interface named by the operator, or null to take all
     */
    public List<MacAddress> discover(String meshInterface) {
        Set<MacAddress> macs = new LinkedHashSet<>();
        try {
            if (meshInterface != null) {
                Optional<MacAddress> own = macOf(meshInterface);
                if (own.isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, "--mesh-interface {0}: no such interface, or it has no MAC address, "
                            + "on this host; gossiping no mesh MACs (peers cannot attach radio readings to this node)",
                            meshInterface);
                }
                own.ifPresent(macs::add);
                for (String lower : lowerInterfaces(meshInterface)) {
                    macOf(lower).ifPresent(macs::add);
                }
            } else {
                List<NetworkInterface> nics = new ArrayList<>(Collections.list(NetworkInterface.getNetworkInterfaces()));
                nics.sort(java.util.Comparator.comparing(NetworkInterface::getName));
                for (NetworkInterface nic : nics) {
                    if (nic.isUp() && !nic.isLoopback() && !nic.isVirtual()) {
                        usable(nic.getHardwareAddress()).ifPresent(macs::add);
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list network interfaces ({0}); gossiping no mesh MACs",
                    e.getMessage());
        }
        return macs.stream().limit(MAX_MACS).toList();
    }

    /**
     * The interface iw should list stations of: the named one, or for a batman-adv soft interface
     * its first wireless hard interface (iw has nothing to say about bat0 itself).
     */
    public String wifiInterfaceOf(String meshInterface) {
        for (String lower : lowerInterfaces(meshInterface)) {
            Path dev = sysClassNet.resolve(lower);
            if (Files.isDirectory(dev.resolve("wireless")) || Files.exists(dev.resolve("phy80211"))) {
                return lower;
            }
        }
        return meshInterface;
    }

    /** Interfaces enslaved to {@code name} (batman-adv hard interfaces, bridge ports), by name. */
    List<String> lowerInterfaces(String name) {
        Path dir = sysClassNet.resolve(name);
        if (name.contains("/") || !Files.isDirectory(dir)) {
            return List.of();
        }
        TreeSet<String> out = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "lower_*")) {
            for (Path p : entries) {
                out.add(p.getFileName().toString().substring("lower_".length()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list {0}: {1}", dir, e.getMessage());
        }
        return List.copyOf(out);
    }

    private static Optional<MacAddress> macOf(String name) throws SocketException {
        NetworkInterface nic = NetworkInterface.getByName(name);
        return nic == null ? Optional.empty() : usable(nic.getHardwareAddress());
    }

    private static Optional<MacAddress> usable(byte[] raw) {
        if (raw == null || raw.length != MacAddress.BYTES) {
            return Optional.empty();
        }
        MacAddress mac = MacAddress.of(raw);
        return mac.isZero() || mac.isMulticast() ? Optional.empty() : Optional.of(mac);
    }

    /**
     * A comma-separated list of MACs as an operator gives it ({@code --mesh-mac}): duplicates
     * dropped (either spelling), order kept, at most {@link #MAX_MACS}.
     *
     * @param flag names the list in the error ("--mesh-mac: not a MAC address …")
     */
    public static List<MacAddress> parseMacList(String flag, String text) {
        List<MacAddress> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                try {
                    out.add(MacAddress.parse(part));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(flag + ": " + e.getMessage());
                }
            }
        }
        if (out.size() > MAX_MACS) {
            throw new IllegalArgumentException(flag + ": at most " + MAX_MACS + " addresses");
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }
}
