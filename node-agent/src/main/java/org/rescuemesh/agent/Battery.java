package org.rescuemesh.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Battery charge from Linux sysfs; -1 (unknown) on mains-powered hosts or other systems. */
public final class Battery {

    private static final Path POWER_SUPPLY = Path.of("/sys/class/power_supply");

    private Battery() {
    }

    public static double readPct() {
        if (!Files.isDirectory(POWER_SUPPLY)) {
            return -1;
        }
        try (DirectoryStream<Path> supplies = Files.newDirectoryStream(POWER_SUPPLY, "BAT*")) {
            for (Path bat : supplies) {
                Path capacity = bat.resolve("capacity");
                if (Files.isReadable(capacity)) {
                    double v = Double.parseDouble(Files.readString(capacity).trim());
                    return Math.max(0, Math.min(100, v));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
