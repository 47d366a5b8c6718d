package org.rescuemesh.agent.position;

/** A latitude/longitude rectangle (not crossing the antimeridian), e.g. a search area. */
public record GeoBox(double southDeg, double westDeg, double northDeg, double eastDeg) {

    public GeoBox {
        if (!GeoPositions.validLatLon(southDeg, westDeg) || !GeoPositions.validLatLon(northDeg, eastDeg)
                || southDeg >= northDeg || westDeg >= eastDeg) {
            throw new IllegalArgumentException("box " + southDeg + "," + westDeg + "," + northDeg + "," + eastDeg
                    + " must be south,west,north,east with south < north and west < east");
        }
    }

    /** Parses "south,west,north,east". */
    public static GeoBox parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("box '" + text + "' must be south,west,north,east in degrees");
        }
        try {
            return new GeoBox(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()),
                    Double.parseDouble(parts[2].strip()), Double.parseDouble(parts[3].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("box '" + text + "' has a value that is not a number");
        }
    }

    public boolean contains(double latDeg, double lonDeg) {
        return latDeg >= southDeg && latDeg <= northDeg && lonDeg >= westDeg && lonDeg <= eastDeg;
    }
}
