package org.rescuemesh.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTiffWriter;
import org.rescuemesh.planner.terrain.SyntheticTerrain;

/**
 * The class-data archive the build makes next to the shaded jar ({@code target/coordinator.jsa},
 * {@link ClassDataArchiveTraining}), run as the README documents it: separate {@code java}
 * processes on the real jar. The archive must really be mapped when present, change no output byte
 * (nor do the short-run JIT flags documented with it), and a stale or missing archive must only
 * mean an ordinary start.
 */
class ClassDataArchiveIT {
    /** The JVM options README.md documents for short runs, after the archive option. */
    private static final List<String> SHORT_RUN_FLAGS = JvmLaunch.SHORT_RUN_FLAGS;

    private static final Path JAR = Path.of("target", "coordinator.jar").toAbsolutePath();
    private static final Path ARCHIVE = Path.of("target", "coordinator.jsa").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    static Path dir;
    private static Path dem;
    private static Path hgt;
    private static String observerX;
    private static String observerY;

    @BeforeAll
    static void terrain() throws IOException {
        assertThat(JAR).as("the shaded jar (failsafe runs after package)").isRegularFile();
        ElevationGrid g = SyntheticTerrain.demo(7, 301, 30);
        dem = dir.resolve("dem.tif");
        GeoTiffWriter.writeFloat32(dem, g);
        observerX = Double.toString(g.cellCenterX(120, 170));
        observerY = Double.toString(g.cellCenterY(120, 170));
        ElevationGrid tile = SyntheticTerrain.demo(7, 1201, 90);
        hgt = dir.resolve("N11E124.hgt");
        ByteBuffer b = ByteBuffer.allocate(1201 * 1201 * 2).order(ByteOrder.BIG_ENDIAN);
        for (int r = 0; r < 1201; r++) {
            for (int c = 0; c < 1201; c++) {
                b.putShort((short) Math.round(tile.get(c, r)));
            }
        }
        Files.write(hgt, b.array());
    }

    @Test
    void theBuildsArchiveIsMappedForBothCommands() throws Exception {
        assumeTrue(Files.isRegularFile(ARCHIVE), "this JVM made no class-data archive at build time");
        // -Xshare:on turns "archive unusable" into a start-up failure instead of a silent plain start
        List<String> jvm = List.of("-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:class+load=info");
        Run viewshed = java(jvm, JAR, viewshedArgs("v.tif", "0"));
        assertThat(viewshed.exit).as(viewshed.output).isZero();
        assertThat(viewshed.output).contains(ViewshedCommand.class.getName() + " source: shared objects file (top)");
        Run coverage = java(jvm, JAR, coverageArgs("c.tif"));
        assertThat(coverage.exit).as(coverage.output).isZero();
        assertThat(coverage.output)
                .contains("org.rescuemesh.planner.radio.ItmPointToPoint source: shared objects file (top)");
    }

    @Test
    void archiveAndShortRunFlagsChangeNoOutputByte() throws Exception {
        List<String> fast = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + ARCHIVE));
        fast.addAll(SHORT_RUN_FLAGS);
        for (String maxDistance : List.of("0", "4000")) {
            assertSameFile(java(List.of(), JAR, viewshedArgs("plain-" + maxDistance + ".tif", maxDistance)),
                    java(fast, JAR, viewshedArgs("fast-" + maxDistance + ".tif", maxDistance)),
                    "plain-" + maxDistance + ".tif", "fast-" + maxDistance + ".tif");
        }
        assertSameFile(java(List.of(), JAR, coverageArgs("plain-c.tif")), java(fast, JAR, coverageArgs("fast-c.tif")),
                "plain-c.tif", "fast-c.tif");
    }

    @Test
    void aStaleOrMissingArchiveOnlyMeansAnOrdinaryStart() throws Exception {
        assumeTrue(Files.isRegularFile(ARCHIVE), "this JVM made no class-data archive at build time");
        // the archive records the jar's path, size and time: a copy elsewhere does not match it
        Path moved = Files.copy(JAR, dir.resolve("moved.jar"), StandardCopyOption.REPLACE_EXISTING);
        Run plain = java(List.of(), JAR, viewshedArgs("ref.tif", "0"));
        Run stale = java(List.of("-XX:SharedArchiveFile=" + ARCHIVE), moved, viewshedArgs("stale.tif", "0"));
        assertSameFile(plain, stale, "ref.tif", "stale.tif");
        Run missing = java(List.of("-XX:SharedArchiveFile=" + dir.resolve("no-such.jsa")), JAR,
                viewshedArgs("missing.tif", "0"));
        assertSameFile(plain, missing, "ref.tif", "missing.tif");
    }

    @Test
    void theTrainingRunExitsZeroEvenWhenItCannotWork() throws Exception {
        Path stale = Files.writeString(dir.resolve("stale.jsa"), "previous build");
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        List<String> cmd = List.of(JAVA, "-cp", JAR.toString(), ClassDataArchiveTraining.class.getName(),
                stale.toString(), notADirectory.toString());
        Run r = run(cmd);
        assertThat(r.exit).isZero();
        assertThat(r.output).contains("class-data archive training stopped");
        assertThat(stale).as("the previous build's archive is removed first").doesNotExist();
    }

    private static void assertSameFile(Run a, Run b, String fileA, String fileB) throws IOException {
        assertThat(a.exit).as(a.output).isZero();
        assertThat(b.exit).as(b.output).isZero();
        assertThat(Files.mismatch(dir.resolve(fileA), dir.resolve(fileB))).as(fileA + " vs " + fileB).isEqualTo(-1L);
    }

    private static List<String> viewshedArgs(String out, String maxDistance) {
        return List.of("viewshed", "--dem", dem.toString(), "--observer-x", observerX, "--observer-y", observerY,
                "--observer-height", "10", "--target-height", "2", "--max-distance", maxDistance,
                "--out", dir.resolve(out).toString());
    }

    private static List<String> coverageArgs(String out) {
        return List.of("coverage", "--dem", hgt.toString(), "--lat", "11.5", "--lon", "124.5", "--tx-height", "10",
                "--rx-height", "2", "--freq-mhz", "446", "--erp-w", "10", "--radius-km", "6",
                "--out", dir.resolve(out).toString());
    }

    private record Run(int exit, String output) {
    }

    private static Run java(List<String> jvmOptions, Path jar, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(args);
        return run(cmd);
    }

    private static Run run(List<String> cmd) throws Exception {
        Path log = Files.createTempFile(dir, "run", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
