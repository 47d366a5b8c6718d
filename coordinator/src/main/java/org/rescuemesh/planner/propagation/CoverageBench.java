package org.rescuemesh.planner.propagation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.rescuemesh.coordinator.cli.JvmLaunch;
import org.rescuemesh.planner.radio.DipoleErp;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.radio.ItmPointToPoint;
import org.rescuemesh.planner.radio.TerrainProfile;
import org.rescuemesh.planner.terrain.DemReader;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.SyntheticTerrain;

/**
 * Side-by-side bench against SPLAT! 1.4.2 {@code -olditm} on the same SRTM tile (not a test;
 * needs {@code splat} and {@code srtm2sdf}, or their {@code -hd} builds for 1″, on the PATH).
 * Writes a 1201 × 1201 (3″) or 3601 × 3601 (1″) {@code .hgt} of synthetic terrain, converts it
 * with srtm2sdf, writes the site {@code .qth} and {@code .lrp},
 * runs {@code splat -t tx.qth -L RX -R R -metric -olditm -dbm -ano splat.ano} and our
 * {@code coordinator.jar coverage} as separate processes, then compares SPLAT!'s per-point dBm
 * (each {@code .ano} line is a ray sample; SPLAT! keeps the first ray to reach a cell and rounds
 * its position to the nearest cell, as done here) with ours on the same cells.
 *
 * <pre>java -cp coordinator/target/coordinator.jar org.rescuemesh.planner.propagation.CoverageBench
 *     [--seed 42] [--lat 15.5] [--lon 120.5] [--tx-height 10] [--rx-height 2] [--freq-mhz 446]
 *     [--erp-w 10] [--radius-km 30] [--runs 3] [--arcsec 3|1] [--dir DIR]
 *     [--ray-rule CELL_CENTRE|SPLAT_1_4]   (the rule of the timed coverage process; the other is compared in process)</pre>
 */
public final class CoverageBench {

    public static void main(String[] args) throws Exception {
        long seed = 42;
        double lat = 15.5;
        double lon = 120.5;
        double txH = 10;
        double rxH = 2;
        double f = 446;
        double erp = 10;
        double radiusKm = 30;
        int runs = 3;
        int arcsec = 3;
        Path dir = null;
        RayRule rule = RayRule.CELL_CENTRE;
        for (int i = 0; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(v);
                case "--lat" -> lat = Double.parseDouble(v);
                case "--lon" -> lon = Double.parseDouble(v);
                case "--tx-height" -> txH = Double.parseDouble(v);
                case "--rx-height" -> rxH = Double.parseDouble(v);
                case "--freq-mhz" -> f = Double.parseDouble(v);
                case "--erp-w" -> erp = Double.parseDouble(v);
                case "--radius-km" -> radiusKm = Double.parseDouble(v);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--arcsec" -> arcsec = Integer.parseInt(v);
                case "--dir" -> dir = Path.of(v);
                case "--ray-rule" -> rule = RayRule.valueOf(v);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("coverage-bench");
        }
        Files.createDirectories(dir);
        int south = (int) Math.floor(lat);
        int west = (int) Math.floor(lon);
        String tile = String.format(Locale.ROOT, "%s%02d%s%03d", south >= 0 ? "N" : "S", Math.abs(south),
                west >= 0 ? "E" : "W", Math.abs(west));
        Path hgt = dir.resolve(tile + ".hgt");
        if (arcsec != 1 && arcsec != 3) {
            throw new IllegalArgumentException("--arcsec must be 1 or 3");
        }
        // 1" tiles need SPLAT!'s HD build (splat-hd, srtm2sdf-hd)
        String hd = arcsec == 1 ? "-hd" : "";
        writeSyntheticHgt(hgt, seed, arcsec == 1 ? 3601 : 1201, arcsec == 1 ? 30 : 90);
        run(dir, "srtm2sdf" + hd, hgt.getFileName().toString());
        Files.writeString(dir.resolve("tx.qth"), String.format(Locale.ROOT, "tx%n%.6f%n%.6f%n%.2f meters%n",
                lat, lon < 0 ? -lon : 360 - lon, txH));
        Files.writeString(dir.resolve("tx.lrp"), String.format(Locale.ROOT,
                "15.000 ; Earth Dielectric Constant (Relative permittivity)%n"
                        + "0.005 ; Earth Conductivity (Siemens per meter)%n"
                        + "301.000 ; Atmospheric Bending Constant (N-units)%n"
                        + "%.3f ; Frequency in MHz (20 MHz to 20 GHz)%n"
                        + "5 ; Radio Climate (5 = Continental Temperate)%n"
                        + "1 ; Polarization (0 = Horizontal, 1 = Vertical)%n"
                        + "0.50 ; Fraction of situations (50%% of locations)%n"
                        + "0.50 ; Fraction of time (50%% of the time)%n"
                        + "%.3f ; ERP in watts%n", f, erp));
        String jar = Path.of(CoverageBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> splat = List.of("splat" + hd, "-t", "tx.qth", "-L", fmt(rxH), "-R", fmt(radiusKm), "-metric", "-olditm",
                "-dbm", "-ano", "splat.ano", "-o", "splat.ppm");
        List<String> coverageArgs = new ArrayList<>(List.of("coverage", "--dem", hgt.getFileName().toString(),
                "--lat", fmt(lat), "--lon", fmt(lon), "--tx-height", fmt(txH), "--rx-height", fmt(rxH), "--freq-mhz", fmt(f),
                "--erp-w", fmt(erp), "--radius-km", fmt(radiusKm)));
        if (rule != RayRule.CELL_CENTRE) {
            coverageArgs.addAll(List.of("--ray-rule", rule.name()));
        }
        // the plain java -jar and, when the build made the class-data archive, the archive alone and the
        // archive with the short-run JIT flags README.md documents: all interleaved with SPLAT!
        List<JvmLaunch> launches = JvmLaunch.variants(Path.of(jar));
        List<List<String>> ours = new ArrayList<>();
        for (JvmLaunch l : launches) {
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(l.options());
            cmd.addAll(List.of("-jar", jar));
            cmd.addAll(coverageArgs);
            cmd.addAll(List.of("--out", l.outputName("ours", ".tif")));
            ours.add(cmd);
        }
        System.out.println("dir: " + dir);
        System.out.println("splat: " + String.join(" ", splat));
        for (List<String> cmd : ours) {
            System.out.println("ours:  " + String.join(" ", cmd).replace(jar, "coordinator.jar").replace(java, "java")
                    .replace(Path.of(jar).resolveSibling(JvmLaunch.ARCHIVE_NAME).toString(), JvmLaunch.ARCHIVE_NAME));
        }
        double[] splatTimes = new double[runs];
        double[] splatCpu = new double[runs];
        double[][] ourTimes = new double[launches.size()][runs];
        double[][] ourCpu = new double[launches.size()][runs];
        double[] load = new double[runs];
        for (int r = 0; r < runs; r++) {
            // interleaved so that all see the same machine load
            load[r] = JvmLaunch.loadAverage();
            splatTimes[r] = run(dir, splat.toArray(String[]::new));
            splatCpu[r] = lastCpuSeconds;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "run %d (load %.1f): splat %.3f s (CPU %.2f s)",
                    r + 1, load[r], splatTimes[r], splatCpu[r]));
            for (int v = 0; v < launches.size(); v++) {
                ourTimes[v][r] = run(dir, ours.get(v).toArray(String[]::new));
                ourCpu[v][r] = lastCpuSeconds;
                line.append(String.format(Locale.ROOT, ", %s %.3f s (CPU %.2f s)", launches.get(v).name(), ourTimes[v][r],
                        ourCpu[v][r]));
            }
            System.out.println(line);
        }
        for (int v = 1; v < launches.size(); v++) {
            Path a = dir.resolve(launches.get(0).outputName("ours", ".tif"));
            Path b = dir.resolve(launches.get(v).outputName("ours", ".tif"));
            System.out.println(launches.get(v).name() + " output byte-identical to plain java -jar: "
                    + (Files.mismatch(a, b) == -1 ? "yes" : "NO"));
        }
        ElevationGrid dem = DemReader.read(hgt);
        ElevationGrid ourRaster = DemReader.read(dir.resolve(launches.get(0).outputName("ours", ".tif")));
        int[][] splatCells = readAno(dir.resolve("splat.ano"), ourRaster);
        System.out.println("-- coordinator.jar coverage (--ray-rule " + rule + ") vs SPLAT!:");
        compare(splatCells, ourRaster::get);
        RayRule other = rule == RayRule.CELL_CENTRE ? RayRule.SPLAT_1_4 : RayRule.CELL_CENTRE;
        CoverageRequest otherRequest = new CoverageRequest(lat, lon, txH, rxH, f, erp, radiusKm * 1000, CoverageModel.ITM,
                splatItm());
        ReceivedPowerRaster otherRaster = CoverageRasterizer.withAllProcessors().compute(dem, otherRequest, other);
        System.out.println("-- in process, ray rule " + other + " vs SPLAT!:");
        compare(splatCells, otherRaster::dbmAtDemCell);
        ReceivedPowerRaster splatRule = rule == RayRule.SPLAT_1_4 ? null : otherRaster;
        if (splatRule != null) {
            cellsOnlyOurs(splatCells, splatRule);
        }
        CoverageRequest nearestRequest = new CoverageRequest(lat, lon, txH, rxH, f, erp, radiusKm * 1000, CoverageModel.ITM,
                splatItm());
        ReceivedPowerRaster nearest = CoverageRasterizer.withAllProcessors().compute(
                RadialSweep.cast(dem, lon, lat, radiusKm * 1000, ProfileSampling.NEAREST), nearestRequest);
        System.out.println("-- in process, nearest-cell profile heights (as SPLAT! reads its grid) vs SPLAT!:");
        compare(splatCells, nearest::dbmAtDemCell);
        System.out.println("-- diagnostic: SPLAT!'s own path ends one sample short of the point it is stored at "
                + "(its ITM profile for ray sample y holds samples 0..y-1); the same on our rays:");
        RadialSweep sweep = RadialSweep.cast(dem, lon, lat, radiusKm * 1000, ProfileSampling.NEAREST);
        ItmPointToPoint shortItm = new ItmPointToPoint(splatItm());
        double eirpDbm = DipoleErp.eirpDbm(erp);
        double txHeight = txH;
        double rxHeight = rxH;
        double freq = f;
        compare(splatCells, (col, row) -> {
            int c = col - sweep.col0();
            int r = row - sweep.row0();
            if (c < 0 || r < 0 || c >= sweep.width() || r >= sweep.height() || sweep.rayOf(c, r) < 0 || sweep.sampleOf(c, r) < 2) {
                return Double.NaN;
            }
            TerrainProfile p = sweep.profileFor(c, r);
            double[] z = p.elevationsM();
            return eirpDbm - shortItm.basicLossDb(p.spacingM(), z, z.length - 1, txHeight, rxHeight, freq);
        });
        sweepVersusExact(dem, lat, lon, txH, rxH, f, erp, radiusKm * 1000);
        double[] inProcess = new double[runs];
        CoverageRequest request = new CoverageRequest(lat, lon, txH, rxH, f, erp, radiusKm * 1000, CoverageModel.ITM,
                splatItm());
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            CoverageRasterizer.withAllProcessors().compute(dem, request);
            inProcess[r] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "wall, median of %d (load average %.1f-%.1f): splat %.3f s (CPU %.2f s); "
                        + "ours in process (warm JVM, compute only) %s s%n", runs, Arrays.stream(load).min().orElse(0),
                Arrays.stream(load).max().orElse(0), median(splatTimes), median(splatCpu), Arrays.toString(round(inProcess)));
        for (int v = 0; v < launches.size(); v++) {
            System.out.printf(Locale.ROOT, "  ours, %-40s wall %.3f s = %.2fx splat, CPU %.2f s = %.2fx%n",
                    launches.get(v).name() + ":", median(ourTimes[v]), median(ourTimes[v]) / median(splatTimes),
                    median(ourCpu[v]), median(ourCpu[v]) / median(splatCpu));
        }
    }

    /** SPLAT!'s -olditm: mdvar 12, time = reliability, situation = confidence (location unused). */
    static ItmParameters splatItm() {
        return new ItmParameters(org.rescuemesh.planner.radio.Climate.CONTINENTAL_TEMPERATE, 301, 15, 0.005,
                org.rescuemesh.planner.radio.Polarization.VERTICAL, 12, 50, 50, 50);
    }

    private static void writeSyntheticHgt(Path hgt, long seed, int size, double cellM) throws IOException {
        // the synthetic generator works in metres; its grid is laid on the 1" or 3" lattice as is
        ElevationGrid g = SyntheticTerrain.demo(seed, size, cellM);
        ByteBuffer b = ByteBuffer.allocate(size * size * 2).order(ByteOrder.BIG_ENDIAN);
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                b.putShort((short) Math.round(g.get(c, r)));
            }
        }
        Files.write(hgt, b.array());
    }

    /** SPLAT!'s .ano points as {col, row, dBm·1000} on the DEM's cells (nearest cell centre, as SPLAT! stores them). */
    private static int[][] readAno(Path ano, ElevationGrid grid) throws IOException {
        List<int[]> cells = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(ano, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.indexOf(';') >= 0) {
                    continue;
                }
                String[] p = line.replace("*", "").split(",");
                if (p.length < 5) {
                    continue;
                }
                double lat = Double.parseDouble(p[0].trim());
                double lonWest = Double.parseDouble(p[1].trim());
                double lonEast = lonWest > 180 ? 360 - lonWest : -lonWest;
                double s = Double.parseDouble(p[4].trim());
                int col = (int) Math.rint((lonEast - grid.transform().x(0.5, 0.5)) / grid.transform().pixelWidth());
                int row = (int) Math.rint((lat - grid.transform().y(0.5, 0.5)) / grid.transform().pixelHeight());
                if (col >= 0 && row >= 0 && col < grid.width() && row < grid.height()) {
                    cells.add(new int[] {col, row, (int) Math.round(s * 1000)});
                }
            }
        }
        return cells.toArray(int[][]::new);
    }

    /** Cells the SPLAT! rule computes that SPLAT!'s .ano does not list (the other way is printed by compare). */
    private static void cellsOnlyOurs(int[][] splatCells, ReceivedPowerRaster ours) {
        boolean[] listed = new boolean[ours.width() * ours.height()];
        for (int[] cell : splatCells) {
            int c = cell[0] - ours.col0();
            int r = cell[1] - ours.row0();
            if (c >= 0 && r >= 0 && c < ours.width() && r < ours.height()) {
                listed[r * ours.width() + c] = true;
            }
        }
        int extra = 0;
        for (int r = 0; r < ours.height(); r++) {
            for (int c = 0; c < ours.width(); c++) {
                if (!Double.isNaN(ours.dbmAt(c, r)) && !listed[r * ours.width() + c]) {
                    extra++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "cells the SPLAT_1_4 rule computes that SPLAT! does not list: %d%n", extra);
    }

    private interface CellValue {
        double at(int col, int row);
    }

    private static void compare(int[][] splatCells, CellValue ours) {
        double[] thresholds = {-90, -100, -110, -120};
        long[] agree = new long[thresholds.length];
        long[] splatAbove = new long[thresholds.length];
        long[] oursAbove = new long[thresholds.length];
        long both = 0;
        long oursMissing = 0;
        long within1 = 0;
        long within3 = 0;
        List<Double> diffs = new ArrayList<>();
        for (int[] cell : splatCells) {
                double s = cell[2] / 1000.0;
                double o = ours.at(cell[0], cell[1]);
                if (Double.isNaN(o)) {
                    oursMissing++;
                    continue;
                }
                both++;
                double d = o - s;
                diffs.add(d);
                if (Math.abs(d) <= 1) {
                    within1++;
                }
                if (Math.abs(d) <= 3) {
                    within3++;
                }
                for (int t = 0; t < thresholds.length; t++) {
                    boolean sa = s >= thresholds[t];
                    boolean oa = o >= thresholds[t];
                    if (sa == oa) {
                        agree[t]++;
                    }
                    if (sa) {
                        splatAbove[t]++;
                    }
                    if (oa) {
                        oursAbove[t]++;
                    }
                }
        }
        double[] d = diffs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] abs = Arrays.stream(d).map(Math::abs).sorted().toArray();
        System.out.printf(Locale.ROOT, "cells compared: %d (SPLAT! points where ours is NaN: %d)%n", both, oursMissing);
        System.out.printf(Locale.ROOT, "ours - splat: median %+.2f dB, mean %+.2f dB, |diff| median %.2f, p90 %.2f, p99 %.2f dB%n",
                d[d.length / 2], Arrays.stream(d).average().orElse(Double.NaN), abs[abs.length / 2],
                abs[(int) (abs.length * 0.9)], abs[(int) (abs.length * 0.99)]);
        System.out.printf(Locale.ROOT, "within ±1 dB: %.2f %%, within ±3 dB: %.2f %%%n", 100.0 * within1 / both, 100.0 * within3 / both);
        for (int t = 0; t < thresholds.length; t++) {
            System.out.printf(Locale.ROOT, "mask >= %.0f dBm: agreement %.2f %% (splat %.2f %% above, ours %.2f %%)%n",
                    thresholds[t], 100.0 * agree[t] / both, 100.0 * splatAbove[t] / both, 100.0 * oursAbove[t] / both);
        }
    }

    /**
     * How far the radial sweep's nearest-ray-sample value is from ITM on the exact profile to the
     * cell centre, on 2,000 random cells within the radius.
     */
    private static void sweepVersusExact(ElevationGrid dem, double lat, double lon, double txH, double rxH, double f,
                                         double erp, double radiusM) {
        CoverageRequest request = new CoverageRequest(lat, lon, txH, rxH, f, erp, radiusM, CoverageModel.ITM, splatItm());
        ReceivedPowerRaster raster = CoverageRasterizer.withAllProcessors().compute(dem, request);
        ItmPointToPoint itm = new ItmPointToPoint(splatItm());
        double eirp = DipoleErp.eirpDbm(erp);
        Random random = new Random(1);
        int n = 0;
        int within1 = 0;
        int within3 = 0;
        double[] errs = new double[2000];
        while (n < errs.length) {
            int c = random.nextInt(raster.width());
            int r = random.nextInt(raster.height());
            double sweep = raster.dbmAt(c, r);
            if (Double.isNaN(sweep)) {
                continue;
            }
            int col = raster.col0() + c;
            int row = raster.row0() + r;
            double x = dem.cellCenterX(col, row);
            double y = dem.cellCenterY(col, row);
            double cellM = dem.cellSizeMetres()[1];
            org.rescuemesh.planner.terrain.TerrainProfile p = dem.profileWithStep(lon, lat, x, y, cellM);
            if (p.size() < 3) {
                continue;
            }
            double exact = eirp - itm.predict(TerrainProfile.of(p.stepMetres(), p.elevations()), txH, rxH, f)
                    .basicTransmissionLossDb();
            double e = Math.abs(sweep - exact);
            errs[n++] = e;
            if (e <= 1) {
                within1++;
            }
            if (e <= 3) {
                within3++;
            }
        }
        Arrays.sort(errs);
        System.out.printf(Locale.ROOT, "sweep vs exact profile to the cell centre (2000 random cells): within ±1 dB %.1f %%, "
                        + "±3 dB %.1f %%, |diff| median %.2f, p90 %.2f dB%n", 100.0 * within1 / n, 100.0 * within3 / n,
                errs[n / 2], errs[(int) (n * 0.9)]);
    }

    /** User + system CPU seconds of the last {@link #run} (NaN when /usr/bin/time is not there to measure it). */
    private static double lastCpuSeconds = Double.NaN;

    /**
     * Runs a command in {@code dir} and returns its wall time; its CPU time (user + sys, which the
     * machine's load inflates much less than the wall time) goes to {@link #lastCpuSeconds}, measured
     * by /usr/bin/time when present.
     */
    private static double run(Path dir, String... command) throws IOException, InterruptedException {
        Path time = Path.of("/usr/bin/time");
        Path cpuFile = dir.resolve("last-run.cpu");
        Files.deleteIfExists(cpuFile);
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(time)) {
            full.addAll(List.of(time.toString(), "-f", "%U %S", "-o", cpuFile.toString()));
        }
        full.addAll(List.of(command));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("last-run.log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command[0] + " did not finish");
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command[0] + " failed (exit " + p.exitValue() + "): "
                    + Files.readString(dir.resolve("last-run.log")));
        }
        lastCpuSeconds = Double.NaN;
        if (Files.exists(cpuFile)) {
            String[] f = Files.readString(cpuFile).trim().split("\\s+");
            if (f.length >= 2) {
                lastCpuSeconds = Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]);
            }
        }
        return s;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 1000) / 1000.0).toArray();
    }
}
