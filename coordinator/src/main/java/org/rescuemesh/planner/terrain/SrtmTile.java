package org.rescuemesh.planner.terrain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SRTM tile name such as {@code N47E008} or {@code S09W078}: the integer latitude/longitude of
 * the tile's south-west corner. The tile spans one degree north and east of it.
 */
public record SrtmTile(int southLat, int westLon) {
    private static final Pattern NAME = Pattern.compile("^([NS])(\\d{1,2})([EW])(\\d{1,3})", Pattern.CASE_INSENSITIVE);

    public SrtmTile {
        if (southLat < -90 || southLat > 89 || westLon < -180 || westLon > 179) {
            throw new TerrainException("SRTM tile corner out of range: lat " + southLat + ", lon " + westLon);
        }
    }

    /** Parses a file name ({@code N47E008.hgt}, {@code n47e008.SRTMGL1.hgt}, …). */
    public static SrtmTile parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.find()) {
            throw new TerrainException("\"" + fileName + "\" is not an SRTM tile name (expected e.g. N47E008.hgt)");
        }
        int lat = Integer.parseInt(m.group(2));
        int lon = Integer.parseInt(m.group(4));
        if (m.group(1).equalsIgnoreCase("S")) {
            lat = -lat;
        }
        if (m.group(3).equalsIgnoreCase("W")) {
            lon = -lon;
        }
        return new SrtmTile(lat, lon);
    }

    /** The canonical name, e.g. {@code N47E008}. */
    public String name() {
        return String.format(Locale.ROOT, "%s%02d%s%03d", southLat < 0 ? "S" : "N", Math.abs(southLat),
                westLon < 0 ? "W" : "E", Math.abs(westLon));
    }
}
