package org.rescuemesh.coordinator.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of starting {@code coordinator.jar} for a short planner run, as README.md documents them
 * and the benches time them side by side: the plain {@code java -jar}; with the build's class-data
 * archive ({@code coordinator.jsa} next to the jar, see {@link ClassDataArchiveTraining}); and with the
 * archive plus {@link #SHORT_RUN_FLAGS}.
 *
 * @param id      short tag for output file names ("" for the plain launch)
 * @param name    what a bench prints
 * @param options JVM options before {@code -jar}
 */
public record JvmLaunch(String id, String name, List<String> options) {
    /** The archive's file name, next to the jar in {@code coordinator/target/}. */
    public static final String ARCHIVE_NAME = "coordinator.jsa";

    /**
     * JIT and GC options for runs of about a second: C1 only (C2's compiles would compete with the
     * two worker threads for the two cores and finish too late to pay off) and the serial collector
     * (no GC threads to start; these runs allocate little). Not for long runs such as a 1″ coverage,
     * where C2's faster code wins.
     */
    public static final List<String> SHORT_RUN_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public JvmLaunch {
        options = List.copyOf(options);
    }

    /** The plain launch and, when the archive exists next to {@code jar}, the archive alone and with the short-run flags. */
    public static List<JvmLaunch> variants(Path jar) {
        List<JvmLaunch> launches = new ArrayList<>();
        launches.add(new JvmLaunch("", "java -jar", List.of()));
        Path archive = jar.toAbsolutePath().resolveSibling(ARCHIVE_NAME);
        if (Files.isRegularFile(archive)) {
            String shared = "-XX:SharedArchiveFile=" + archive;
            launches.add(new JvmLaunch("archive", "java " + archiveOption() + " -jar", List.of(shared)));
            List<String> fast = new ArrayList<>(List.of(shared));
            fast.addAll(SHORT_RUN_FLAGS);
            launches.add(new JvmLaunch("archive-c1", "java " + archiveOption() + " " + String.join(" ", SHORT_RUN_FLAGS)
                    + " -jar", fast));
        } else {
            System.err.println("no " + archive.getFileName() + " next to the jar: timing the plain java -jar only");
        }
        return launches;
    }

    /** {@code prefix.suffix} for the plain launch, {@code prefix-id.suffix} for the others. */
    public String outputName(String prefix, String suffix) {
        return id.isEmpty() ? prefix + suffix : prefix + "-" + id + suffix;
    }

    /** One-minute load average, or NaN where the platform has none. */
    public static double loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l;
    }

    private static String archiveOption() {
        return "-XX:SharedArchiveFile=" + ARCHIVE_NAME;
    }
}
