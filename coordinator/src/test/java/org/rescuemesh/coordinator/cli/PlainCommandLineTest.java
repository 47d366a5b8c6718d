package org.rescuemesh.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTiffWriter;
import org.rescuemesh.planner.terrain.SyntheticTerrain;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * CoordinatorMain's short path must accept only command lines picocli accepts, and set exactly the
 * values picocli would; everything else must reach picocli unchanged.
 */
class PlainCommandLineTest {
    @TempDir
    Path dir;

    private static final String[] VIEWSHED_REQUIRED = {"--dem", "a.tif", "--observer-x", "494015", "--observer-y", "1705985",
        "--observer-height", "10", "--target-height", "2", "--out", "o.tif"};

    private static final String[] COVERAGE_REQUIRED = {"--dem", "a.tif", "--lat", "15.5", "--lon", "120.5", "--tx-height", "10",
        "--rx-height", "2", "--freq-mhz", "446", "--erp-w", "5", "--radius-km", "5", "--out", "o.tif"};

    @Test
    void theShortPathKnowsEveryPicocliOptionWithTheSameDefaultAndArity() {
        assertSameOptions(new ViewshedCommand());
        assertSameOptions(new CoverageCommand());
    }

    private static void assertSameOptions(PlainOptionCommand command) {
        Map<String, PlainOption> plain = new HashMap<>();
        for (PlainOption o : command.plainOptions()) {
            plain.put(o.name(), o);
        }
        List<String> picocliNames = new ArrayList<>();
        for (OptionSpec o : new CommandLine(command).getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            picocliNames.add(o.longestName());
            assertThat(o.names()).as("short path reads long names only").containsExactly(o.longestName());
            PlainOption p = plain.get(o.longestName());
            assertThat(p).as(o.longestName()).isNotNull();
            assertThat(p.required()).as(o.longestName()).isEqualTo(o.required());
            assertThat(p.repeatable()).as(o.longestName()).isEqualTo(o.isMultiValue());
            assertThat(p.defaultValue()).as(o.longestName()).isEqualTo(o.defaultValue());
            assertThat(o.arity().max()).as(o.longestName()).isEqualTo(1);
        }
        assertThat(plain.keySet()).containsExactlyInAnyOrderElementsOf(picocliNames);
    }

    @Test
    void setsTheValuesPicocliSets() {
        assertSameValues(ViewshedCommand::new, VIEWSHED_REQUIRED);
        assertSameValues(ViewshedCommand::new, with(VIEWSHED_REQUIRED, "--max-distance=30000", "--curvature-coeff", "0",
                "--neighbour-rule", "GDAL_3_6", "--dem", "b.tif"));
        assertSameValues(ViewshedCommand::new, with(VIEWSHED_REQUIRED, "--observer-x", "-1.5e3", "--observer-y", "-.25",
                "--curvature-coeff", "1e-1", "--max-distance", "0x10p0"));
        assertSameValues(CoverageCommand::new, COVERAGE_REQUIRED);
        assertSameValues(CoverageCommand::new, with(COVERAGE_REQUIRED, "--model", "fspl", "--climate", "7", "--n0", "250",
                "--epsilon=80", "--sigma", "5", "--polarization", "horizontal", "--mdvar", "1", "--time-pct", "90",
                "--location-pct", "10", "--situation-pct", "95", "--threads", "3", "--lon", "-70.25"));
    }

    /** Replaces the value of options already in {@code base} (or appends them). */
    private static String[] with(String[] base, String... extra) {
        List<String> a = new ArrayList<>(List.of(base));
        for (int i = 0; i < extra.length; i++) {
            String name = extra[i];
            int eq = name.indexOf('=');
            String key = eq < 0 ? name : name.substring(0, eq);
            int at = a.indexOf(key);
            if (eq < 0 && at >= 0 && !key.equals("--dem")) {
                a.set(at + 1, extra[++i]);
            } else if (eq < 0) {
                a.add(name);
                a.add(extra[++i]);
            } else {
                if (at >= 0) {
                    a.remove(at + 1);
                    a.remove(at);
                }
                a.add(name);
            }
        }
        return a.toArray(String[]::new);
    }

    private static void assertSameValues(Supplier<PlainOptionCommand> factory, String[] args) {
        PlainOptionCommand plain = factory.get();
        assertThat(PlainCommandLine.apply(plain, args, 0)).as(String.join(" ", args)).isTrue();
        PlainOptionCommand viaPicocli = factory.get();
        new CommandLine(viaPicocli).parseArgs(args);
        CommandLine plainModel = new CommandLine(plain);
        for (OptionSpec o : new CommandLine(viaPicocli).getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            Object expected = o.getValue();
            Object actual = plainModel.getCommandSpec().findOption(o.longestName()).getValue();
            assertThat(actual).as(o.longestName() + " in " + String.join(" ", args)).isEqualTo(expected);
        }
    }

    @Test
    void leavesEverythingUnusualToPicocli() {
        String[][] cases = {
            with(VIEWSHED_REQUIRED, "--help", "x"),
            {"--help"},
            {"-h"},
            with(VIEWSHED_REQUIRED, "--version", "x"),
            {"--observer-x", "1"},                                         // required options missing
            with(VIEWSHED_REQUIRED, "--bogus", "1"),                       // unknown option
            with(VIEWSHED_REQUIRED, "--observer-x=1", "--observer-x", "2"),    // given twice
            append(VIEWSHED_REQUIRED, "--max-distance"),                   // no value
            append(VIEWSHED_REQUIRED, "extra"),                            // positional
            append(VIEWSHED_REQUIRED, "--"),
            append(VIEWSHED_REQUIRED, "@args.txt"),
            with(VIEWSHED_REQUIRED, "--out", "@o.tif"),
            with(VIEWSHED_REQUIRED, "--observer-x", "-h"),
            with(VIEWSHED_REQUIRED, "--out", "--dem"),
            with(VIEWSHED_REQUIRED, "--out", "-o.tif"),
            with(VIEWSHED_REQUIRED, "--observer-x", "abc"),
            with(VIEWSHED_REQUIRED, "--observer-x", "--5"),
            with(VIEWSHED_REQUIRED, "--out", "--5"),
            with(VIEWSHED_REQUIRED, "--neighbour-rule", "SOMETIMES"),
            with(VIEWSHED_REQUIRED, "--neighbour-rule", "gdal_3_6"),
            with(VIEWSHED_REQUIRED, "--out="),
            {"-V"},
        };
        for (String[] args : cases) {
            assertThat(PlainCommandLine.apply(new ViewshedCommand(), args, 0)).as(String.join(" ", args)).isFalse();
        }
        assertThat(PlainCommandLine.apply(new CoverageCommand(), with(COVERAGE_REQUIRED, "--climate", "5.5"), 0)).isFalse();
        assertThat(PlainCommandLine.apply(new CoverageCommand(), with(COVERAGE_REQUIRED, "--threads", "99999999999"), 0)).isFalse();
    }

    private static String[] append(String[] base, String... extra) {
        List<String> a = new ArrayList<>(List.of(base));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void versionHelpAndErrorsPrintWhatPicocliPrints() {
        String[][] cases = {
            {"--version"}, {"-V"}, {"--help"}, {}, {"nosuch"}, {"viewshed"}, {"viewshed", "--help"}, {"coverage", "-h"},
            {"viewshed", "--dem", "x.tif", "--bogus"}, {"coverage", "--version"}, {"--version", "viewshed"},
        };
        for (String[] args : cases) {
            CliRun viaMain = CliRun.run(args);
            CliRun viaPicocli = picocliOnly(args);
            assertThat(viaMain).as(String.join(" ", args)).isEqualTo(viaPicocli);
        }
        assertThat(CliRun.run("--version").out().strip()).isEqualTo("RescueMesh coordinator 0.1.0");
        assertThat(CliRun.run("nosuch").exit()).isNotZero();
    }

    @Test
    void aViewshedRunsTheSameWithAndWithoutPicocli() throws Exception {
        ElevationGrid g = SyntheticTerrain.demo(7, 121, 30);
        Path dem = dir.resolve("dem.tif");
        GeoTiffWriter.writeFloat32(dem, g);
        Path plainOut = dir.resolve("plain.tif");
        Path picocliOut = dir.resolve("picocli.tif");
        String x = Double.toString(g.cellCenterX(40, 70));
        String y = Double.toString(g.cellCenterY(40, 70));
        CliRun plain = CliRun.run("viewshed", "--dem", dem.toString(), "--observer-x", x, "--observer-y", y,
                "--observer-height", "5", "--target-height", "1", "--out", plainOut.toString());
        CliRun viaPicocli = picocliOnly("viewshed", "--dem", dem.toString(), "--observer-x", x, "--observer-y", y,
                "--observer-height", "5", "--target-height", "1", "--out", picocliOut.toString());
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(viaPicocli.exit()).isZero();
        assertThat(Files.readAllBytes(plainOut)).isEqualTo(Files.readAllBytes(picocliOut));
        assertThat(plain.out()).startsWith(viaPicocli.out().substring(0, viaPicocli.out().indexOf(" written ")));

        CliRun plainBad = CliRun.run("viewshed", "--dem", dem.toString(), "--observer-x", "0", "--observer-y", "0",
                "--observer-height", "5", "--target-height", "1", "--out", plainOut.toString());
        CliRun picocliBad = picocliOnly("viewshed", "--dem", dem.toString(), "--observer-x", "0", "--observer-y", "0",
                "--observer-height", "5", "--target-height", "1", "--out", plainOut.toString());
        assertThat(plainBad).isEqualTo(picocliBad);
        assertThat(plainBad.exit()).isEqualTo(1);
    }

    /** The command line as the entry point ran it before the short path existed. */
    private static CliRun picocliOnly(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new CoordinatorMain()).execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
