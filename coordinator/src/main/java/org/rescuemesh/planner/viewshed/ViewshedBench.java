package org.rescuemesh.planner.viewshed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.rescuemesh.coordinator.cli.JvmLaunch;
import org.rescuemesh.planner.terrain.DemReader;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTiffWriter;
import org.rescuemesh.planner.terrain.SyntheticTerrain;

/**
 * Side-by-side bench against GDAL's gdal_viewshed on the same synthetic DEM (not a test; needs
 * gdal_viewshed on the PATH). Writes a {@code size × size} DEM at {@code cell} metres in
 * EPSG:32651, then for each observer runs gdal_viewshed and our viewshed with the same heights and
 * curvature coefficient, and prints cell agreement (observer cell and, with a maximum distance,
 * the ring of cells within one cell diagonal of it excluded) and wall times: gdal_viewshed's
 * process, our in-process compute (warm JVM, DEM in memory), our read+compute+write, and our
 * {@code coordinator.jar viewshed} process when run from the jar.
 *
 * <pre>java -cp coordinator/target/coordinator.jar org.rescuemesh.planner.viewshed.ViewshedBench
 *     [--size 3601] [--cell 30] [--seed 42] [--cc 0.85714] [--observer-height 10] [--target-height 2]
 *     [--max-distance 0] [--runs 5] [--dir DIR]</pre>
 */
public final class ViewshedBench {

    public static void main(String[] args) throws Exception {
        int size = 3601;
        double cell = 30;
        long seed = 42;
        double cc = ViewshedParameters.DEFAULT_CURVATURE_COEFFICIENT;
        double oh = 10;
        double th = 2;
        double md = 0;
        int runs = 5;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--size" -> size = Integer.parseInt(v);
                case "--cell" -> cell = Double.parseDouble(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--cc" -> cc = Double.parseDouble(v);
                case "--observer-height" -> oh = Double.parseDouble(v);
                case "--target-height" -> th = Double.parseDouble(v);
                case "--max-distance" -> md = Double.parseDouble(v);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--dir" -> dir = Path.of(v);
                default -> {
                    System.err.println("unknown option " + a);
                    System.exit(2);
                }
            }
            i++;
        }
        if (dir == null) {
            dir = Files.createTempDirectory("viewshed-bench");
        }
        Files.createDirectories(dir);
        Path demFile = dir.resolve("bench-dem.tif");
        long t0 = System.nanoTime();
        ElevationGrid generated = SyntheticTerrain.demo(seed, size, cell);
        GeoTiffWriter.writeFloat32(demFile, generated);
        System.out.printf(Locale.ROOT, "DEM: %d x %d at %.0f m, EPSG:32651, seed %d -> %s (%.1f s to generate+write)%n",
                size, size, cell, seed, demFile, (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "parameters: observer height %.1f m, target height %.1f m, cc %.5f, max distance %s%n",
                oh, th, cc, md > 0 ? md + " m" : "none");

        long tr = System.nanoTime();
        ElevationGrid dem = DemReader.read(demFile);
        double readS = (System.nanoTime() - tr) / 1e9;

        List<int[]> observers = new ArrayList<>();
        observers.add(new int[] {size / 2, size / 2});
        observers.add(highestNear(dem, size / 2, size / 2, size / 6));
        observers.add(new int[] {size / 4, (3 * size) / 4});
        Path jar = ownJar();
        for (int[] o : observers) {
            double x = dem.cellCenterX(o[0], o[1]);
            double y = dem.cellCenterY(o[0], o[1]);
            ViewshedParameters p = new ViewshedParameters(x, y, oh, th, md, cc, Double.NaN);
            System.out.printf(Locale.ROOT, "%nobserver cell (%d, %d) at (%.1f, %.1f), ground %.1f m%n",
                    o[0], o[1], x, y, dem.get(o[0], o[1]));

            Path gdalOut = dir.resolve("gdal-" + o[0] + "-" + o[1] + ".tif");
            List<String> gdalCmd = new ArrayList<>(List.of("gdal_viewshed", "-q", "-ox", fmt(x), "-oy", fmt(y),
                    "-oz", fmt(oh), "-tz", fmt(th), "-cc", fmt(cc)));
            if (md > 0) {
                gdalCmd.addAll(List.of("-md", fmt(md)));
            }
            gdalCmd.addAll(List.of(demFile.toString(), gdalOut.toString()));
            // our process in each launch variant (plain java -jar; with the build's class-data archive; with
            // the archive and the short-run JIT flags), interleaved with gdal_viewshed round by round
            List<JvmLaunch> launches = jar == null ? List.of() : JvmLaunch.variants(jar);
            List<List<String>> cli = new ArrayList<>();
            for (JvmLaunch l : launches) {
                List<String> cmd = new ArrayList<>(List.of(javaBinary()));
                cmd.addAll(l.options());
                cmd.addAll(List.of("-jar", jar.toString(), "viewshed",
                        "--dem", demFile.toString(), "--observer-x", fmt(x), "--observer-y", fmt(y),
                        "--observer-height", fmt(oh), "--target-height", fmt(th), "--curvature-coeff", fmt(cc),
                        "--max-distance", fmt(md), "--out",
                        dir.resolve(l.outputName("cli-" + o[0] + "-" + o[1], ".tif")).toString()));
                cli.add(cmd);
            }
            double[] gdalTimes = new double[runs];
            double[] gdalCpu = new double[runs];
            double[][] cliTimes = new double[launches.size()][runs];
            double[][] cliCpu = new double[launches.size()][runs];
            double[] load = new double[runs];
            for (int r = 0; r < runs; r++) {
                load[r] = JvmLaunch.loadAverage();
                gdalTimes[r] = runProcess(gdalCmd);
                gdalCpu[r] = lastCpuSeconds;
                for (int v = 0; v < launches.size(); v++) {
                    cliTimes[v][r] = runProcess(cli.get(v));
                    cliCpu[v][r] = lastCpuSeconds;
                }
            }

            double[] computeTimes = new double[runs];
            Viewshed ours = null;
            for (int r = 0; r < runs; r++) {
                long c0 = System.nanoTime();
                ours = ReferencePlaneViewshed.compute(dem, p);
                computeTimes[r] = (System.nanoTime() - c0) / 1e9;
            }
            Path ourOut = dir.resolve("ours-" + o[0] + "-" + o[1] + ".tif");
            long w0 = System.nanoTime();
            ours.writeGeoTiff(ourOut);
            double writeS = (System.nanoTime() - w0) / 1e9;
            Path compatOut = dir.resolve("ours36-" + o[0] + "-" + o[1] + ".tif");
            ReferencePlaneViewshed.compute(dem, p.withNeighbourRule(NeighbourRule.GDAL_3_6)).writeGeoTiff(compatOut);

            ElevationGrid g = DemReader.read(gdalOut);
            for (Path ourFile : List.of(ourOut, compatOut)) {
                ElevationGrid m = DemReader.read(ourFile);
                String rule = ourFile == ourOut ? "default rule (ALWAYS_VISIBLE)" : "--neighbour-rule GDAL_3_6";
                if (g.width() != m.width() || g.height() != m.height()
                        || !Arrays.equals(g.transform().toArray(), m.transform().toArray())) {
                    System.out.println("  MISMATCH in output grid: gdal " + g + " ours " + m);
                    continue;
                }
                long compared = 0, agree = 0, gdalVisible = 0, ourVisible = 0;
                int ox = ours.observerCol(), oy = ours.observerRow();
                double diag = Math.hypot(cell, cell);
                for (int row = 0; row < g.height(); row++) {
                    for (int col = 0; col < g.width(); col++) {
                        if (col == ox && row == oy) {
                            continue;
                        }
                        if (md > 0) {
                            double d = Math.hypot((col - ox) * cell, (row - oy) * cell);
                            if (Math.abs(d - md) <= diag) {
                                continue;
                            }
                        }
                        int gv = (int) g.get(col, row);
                        int mv = (int) m.get(col, row);
                        compared++;
                        if (gv == mv) {
                            agree++;
                        }
                        if (gv == 255) {
                            gdalVisible++;
                        }
                        if (mv == 255) {
                            ourVisible++;
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "  %s: output %d x %d; agreement %.4f %% (%d of %d cells differ); visible: gdal %.2f %%, ours %.2f %%%n",
                        rule, g.width(), g.height(), 100.0 * agree / compared, compared - agree, compared,
                        100.0 * gdalVisible / compared, 100.0 * ourVisible / compared);
            }
            System.out.printf(Locale.ROOT, "  gdal_viewshed process wall time: min %.3f s, median %.3f s (%d runs); CPU median %.3f s%n",
                    min(gdalTimes), median(gdalTimes), runs, median(gdalCpu));
            System.out.printf(Locale.ROOT, "  ours, compute in process (warm):  min %.3f s, median %.3f s -> %.2fx gdal's median%n",
                    min(computeTimes), median(computeTimes), median(computeTimes) / median(gdalTimes));
            System.out.printf(Locale.ROOT, "  ours, read DEM %.3f s (first read, cold JVM) + compute + write %.3f s = %.3f s%n",
                    readS, writeS, readS + median(computeTimes) + writeS);
            for (int v = 0; v < launches.size(); v++) {
                JvmLaunch l = launches.get(v);
                String same = v == 0 ? "" : Files.mismatch(dir.resolve(launches.get(0).outputName("cli-" + o[0] + "-" + o[1], ".tif")),
                        dir.resolve(l.outputName("cli-" + o[0] + "-" + o[1], ".tif"))) == -1
                        ? "; output byte-identical to plain java -jar" : "; output DIFFERS from plain java -jar";
                System.out.printf(Locale.ROOT, "  ours, process, %s: min %.3f s, median %.3f s -> %.2fx gdal's median; "
                                + "CPU median %.3f s -> %.2fx%s%n", l.name(), min(cliTimes[v]), median(cliTimes[v]),
                        median(cliTimes[v]) / median(gdalTimes), median(cliCpu[v]), median(cliCpu[v]) / median(gdalCpu), same);
            }
            System.out.printf(Locale.ROOT, "  load average during the process runs: %.1f-%.1f%n",
                    Arrays.stream(load).min().orElse(Double.NaN), Arrays.stream(load).max().orElse(Double.NaN));
        }
    }

    private static int[] highestNear(ElevationGrid dem, int cx, int cy, int radius) {
        int best0 = cx, best1 = cy;
        float best = -Float.MAX_VALUE;
        for (int r = Math.max(0, cy - radius); r < Math.min(dem.height(), cy + radius); r++) {
            for (int c = Math.max(0, cx - radius); c < Math.min(dem.width(), cx + radius); c++) {
                float v = dem.get(c, r);
                if (v > best) {
                    best = v;
                    best0 = c;
                    best1 = r;
                }
            }
        }
        return new int[] {best0, best1};
    }

    /** User + system CPU seconds of the last {@link #runProcess} (NaN without /usr/bin/time to measure it). */
    private static double lastCpuSeconds = Double.NaN;

    /**
     * Runs a command and returns its wall time; its CPU time (user + sys, which a loaded machine inflates
     * much less than the wall time) goes to {@link #lastCpuSeconds}, measured by /usr/bin/time when present.
     */
    private static double runProcess(List<String> cmd) throws IOException, InterruptedException {
        Path time = Path.of("/usr/bin/time");
        Path cpuFile = null;
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(time)) {
            cpuFile = Files.createTempFile("viewshed-bench", ".cpu");
            full.addAll(List.of(time.toString(), "-f", "%U %S", "-o", cpuFile.toString()));
        }
        full.addAll(cmd);
        long s = System.nanoTime();
        Process pr = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!pr.waitFor(10, TimeUnit.MINUTES)) {
            pr.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        double t = (System.nanoTime() - s) / 1e9;
        if (pr.exitValue() != 0) {
            throw new IOException("failed (exit " + pr.exitValue() + "): " + String.join(" ", cmd));
        }
        lastCpuSeconds = Double.NaN;
        if (cpuFile != null) {
            String[] f = Files.readString(cpuFile).trim().split("\\s+");
            Files.deleteIfExists(cpuFile);
            if (f.length >= 2) {
                lastCpuSeconds = Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]);
            }
        }
        return t;
    }

    private static Path ownJar() {
        try {
            Path p = Path.of(ViewshedBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
