package org.rescuemesh.agent.position;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.rescuemesh.proto.v1.GeoPosition;

/**
 * NMEA 0183 GGA and RMC sentences to positions, fed one line at a time (no I/O here). Any
 * talker id is accepted (GP, GN, GL, GA, BD…). Every line must carry a valid {@code *hh}
 * checksum. Bad lines are counted and skipped, blank lines skipped silently; nothing here throws
 * on input.
 *
 * <p>GGA gives altitude (converted to height above the ellipsoid with the geoid separation) and
 * HDOP; RMC gives date, speed and course. When both arrive for the same UTC second their fields
 * are merged into the fix. GGA carries no date: it comes from the latest RMC, or from the clock.
 *
 * <p>Accuracy is an estimate, HDOP times a typical range error for the fix quality (5 m for
 * autonomous GPS); receivers report nothing better in GGA/RMC.
 *
 * <p>Not thread-safe: one parser per input stream; {@link #counts()} may be read from anywhere.
 */
public final class NmeaParser {

    public static final String SOURCE = "nmea";
    /** Standard limit is 82 characters; some receivers exceed it, nothing legitimate reaches this. */
    public static final int MAX_SENTENCE_CHARS = 256;

    private static final double KNOTS_TO_MPS = 1852.0 / 3600.0;

    private final Clock clock;
    private final AtomicLong fixes = new AtomicLong();
    private final AtomicLong noFix = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong badChecksum = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    private LocalDate lastRmcDate;
    private LocalTime lastRmcTime;
    private LocalTime epochTime;
    private Double epochAltHae;
    private Double epochAccuracy;
    private Double epochSpeed;
    private Double epochHeading;

    public NmeaParser(Clock clock) {
        this.clock = clock;
    }

    public NmeaCounts counts() {
        return new NmeaCounts(fixes.get(), noFix.get(), ignored.get(), badChecksum.get(), malformed.get());
    }

    /** @return a fix when the line is a valid GGA or RMC with a position; empty otherwise */
    public Optional<GeoPosition> parse(String line) {
        if (line == null) {
            return Optional.empty();
        }
        String sentence = line.strip();
        if (sentence.isEmpty()) {
            return Optional.empty(); // blank lines between sentences are normal on serial lines
        }
        // Serial noise before the '$' (or a lost newline gluing two sentences) is common: use the last start.
        int start = sentence.lastIndexOf('$');
        if (start < 0 || sentence.length() - start > MAX_SENTENCE_CHARS) {
            malformed.incrementAndGet();
            return Optional.empty();
        }
        sentence = sentence.substring(start);
        int star = sentence.lastIndexOf('*');
        if (star < 0 || star + 3 != sentence.length() || !checksumMatches(sentence, star)) {
            badChecksum.incrementAndGet();
            return Optional.empty();
        }
        String[] f = sentence.substring(1, star).split(",", -1);
        String address = f[0];
        if (address.length() != 5 || !isUpperAlnum(address)) {
            malformed.incrementAndGet();
            return Optional.empty();
        }
        String type = address.substring(2);
        try {
            Optional<GeoPosition> fix = switch (type) {
                case "GGA" -> gga(f);
                case "RMC" -> rmc(f);
                default -> {
                    ignored.incrementAndGet();
                    yield Optional.empty();
                }
            };
            fix.ifPresent(p -> fixes.incrementAndGet());
            return fix;
        } catch (BadField e) {
            malformed.incrementAndGet();
            return Optional.empty();
        }
    }

    private Optional<GeoPosition> gga(String[] f) throws BadField {
        if (f.length < 12) {
            throw new BadField();
        }
        int quality = f[6].isEmpty() ? 0 : parseInt(f[6]);
        // Receivers without a fix often leave even the time empty: check the fix first.
        if (quality <= 0 || quality > 5 || f[2].isEmpty() || f[4].isEmpty()) {
            noFix.incrementAndGet();
            return Optional.empty();
        }
        LocalTime time = parseTime(f[1]);
        double lat = parseLatitude(f[2], f[3]);
        double lon = parseLongitude(f[4], f[5]);
        Double accuracy = null;
        if (!f[8].isEmpty()) {
            double hdop = parseDouble(f[8]);
            if (hdop < 0) {
                throw new BadField();
            }
            accuracy = hdop * rangeErrorMetres(quality);
        }
        Double altHae = null;
        if (!f[9].isEmpty() && !f[11].isEmpty()) {
            altHae = parseDouble(f[9]) + parseDouble(f[11]);
        }
        beginEpoch(time);
        epochAltHae = altHae;
        epochAccuracy = accuracy;
        Instant observed = resolve(time, lastRmcDate != null && time.equals(lastRmcTime) ? lastRmcDate : null);
        return Optional.of(build(lat, lon, observed));
    }

    private Optional<GeoPosition> rmc(String[] f) throws BadField {
        if (f.length < 10) {
            throw new BadField();
        }
        boolean modeInvalid = f.length > 12 && "N".equals(f[12]);
        if (!"A".equals(f[2]) || modeInvalid || f[3].isEmpty() || f[5].isEmpty()) {
            noFix.incrementAndGet();
            return Optional.empty();
        }
        LocalTime time = parseTime(f[1]);
        LocalDate date = f[9].isEmpty() ? null : parseDate(f[9]);
        double lat = parseLatitude(f[3], f[4]);
        double lon = parseLongitude(f[5], f[6]);
        Double speed = f[7].isEmpty() ? null : parseDouble(f[7]) * KNOTS_TO_MPS;
        Double heading = f[8].isEmpty() ? null : GeoPositions.normaliseHeading(parseDouble(f[8]));
        if ((speed != null && speed < 0)) {
            throw new BadField();
        }
        beginEpoch(time);
        epochSpeed = speed;
        epochHeading = heading;
        if (date != null) {
            lastRmcDate = date;
            lastRmcTime = time;
        }
        return Optional.of(build(lat, lon, resolve(time, date)));
    }

    /** A new UTC second forgets the previous second's merged fields. */
    private void beginEpoch(LocalTime time) {
        if (!time.equals(epochTime)) {
            epochTime = time;
            epochAltHae = null;
            epochAccuracy = null;
            epochSpeed = null;
            epochHeading = null;
        }
    }

    private GeoPosition build(double lat, double lon, Instant observed) {
        GeoPosition.Builder fix = GeoPosition.newBuilder()
                .setLatDeg(lat)
                .setLonDeg(lon)
                .setObservedAt(GeoPositions.timestamp(observed))
                .setSource(SOURCE);
        if (epochAltHae != null) {
            fix.setAltM(epochAltHae).setAltKnown(true);
        }
        if (epochAccuracy != null) {
            fix.setAccuracyM(epochAccuracy);
        }
        if (epochSpeed != null) {
            fix.setSpeedMps(epochSpeed);
        }
        if (epochHeading != null) {
            fix.setHeadingDeg(epochHeading);
        }
        return fix.build();
    }

    /**
     * Instant of a time of day: on the given date, or else on the date that puts it nearest to a
     * reference (the last RMC fix, or the clock), which also gets midnight rollover right.
     */
    private Instant resolve(LocalTime time, LocalDate date) {
        if (date != null) {
            return ZonedDateTime.of(date, time, ZoneOffset.UTC).toInstant();
        }
        Instant reference = lastRmcDate != null
                ? ZonedDateTime.of(lastRmcDate, lastRmcTime, ZoneOffset.UTC).toInstant()
                : clock.instant();
        LocalDate day = reference.atZone(ZoneOffset.UTC).toLocalDate();
        Instant candidate = ZonedDateTime.of(day, time, ZoneOffset.UTC).toInstant();
        Duration offset = Duration.between(reference, candidate);
        if (offset.compareTo(Duration.ofHours(12)) > 0) {
            candidate = candidate.minus(Duration.ofDays(1));
        } else if (offset.compareTo(Duration.ofHours(-12)) < 0) {
            candidate = candidate.plus(Duration.ofDays(1));
        }
        return candidate;
    }

    private static double rangeErrorMetres(int quality) {
        return switch (quality) {
            case 2 -> 2.0; // DGPS / SBAS
            case 4 -> 0.05; // RTK fixed
            case 5 -> 0.5; // RTK float
            default -> 5.0;
        };
    }

    static boolean checksumMatches(String sentence, int star) {
        int sum = 0;
        for (int i = 1; i < star; i++) {
            sum ^= sentence.charAt(i);
        }
        int expected = hexDigit(sentence.charAt(star + 1)) * 16 + hexDigit(sentence.charAt(star + 2));
        return expected >= 0 && hexDigit(sentence.charAt(star + 1)) >= 0 && hexDigit(sentence.charAt(star + 2)) >= 0
                && sum == expected;
    }

    private static int hexDigit(char c) {
        return Character.digit(c, 16);
    }

    private static boolean isUpperAlnum(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static double parseLatitude(String value, String hemisphere) throws BadField {
        double deg = parseDegreesMinutes(value, 2, 90);
        return switch (hemisphere) {
            case "N" -> deg;
            case "S" -> -deg;
            default -> throw new BadField();
        };
    }

    private static double parseLongitude(String value, String hemisphere) throws BadField {
        double deg = parseDegreesMinutes(value, 3, 180);
        return switch (hemisphere) {
            case "E" -> deg;
            case "W" -> -deg;
            default -> throw new BadField();
        };
    }

    /** "ddmm.mmmm" / "dddmm.mmmm". */
    private static double parseDegreesMinutes(String value, int degreeDigits, int maxDegrees) throws BadField {
        int dot = value.indexOf('.');
        int intPart = dot < 0 ? value.length() : dot;
        if (intPart != degreeDigits + 2) {
            throw new BadField();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || i == dot)) {
                throw new BadField();
            }
        }
        int degrees = Integer.parseInt(value.substring(0, degreeDigits));
        double minutes = parseDouble(value.substring(degreeDigits));
        double result = degrees + minutes / 60.0;
        if (minutes >= 60.0 || result > maxDegrees) {
            throw new BadField();
        }
        return result;
    }

    /** "hhmmss" or "hhmmss.sss". */
    private static LocalTime parseTime(String value) throws BadField {
        if (value.length() < 6 || !allDigits(value.substring(0, 6))) {
            throw new BadField();
        }
        int hh = Integer.parseInt(value.substring(0, 2));
        int mm = Integer.parseInt(value.substring(2, 4));
        int ss = Integer.parseInt(value.substring(4, 6));
        long nanos = 0;
        if (value.length() > 6) {
            String fraction = value.substring(6);
            if (fraction.charAt(0) != '.' || fraction.length() > 10 || !allDigits(fraction.substring(1))) {
                throw new BadField();
            }
            if (fraction.length() > 1) {
                nanos = Long.parseLong((fraction.substring(1) + "000000000").substring(0, 9));
            }
        }
        if (hh > 23 || mm > 59 || ss > 60) {
            throw new BadField();
        }
        // A leap second (ss = 60) is folded onto the last representable instant of the minute.
        return ss == 60 ? LocalTime.of(hh, mm, 59, 999_999_999) : LocalTime.of(hh, mm, ss, (int) nanos);
    }

    /** "ddmmyy"; two-digit years are 1980–2079 (GPS epoch onwards). */
    private static LocalDate parseDate(String value) throws BadField {
        if (value.length() != 6 || !allDigits(value)) {
            throw new BadField();
        }
        int dd = Integer.parseInt(value.substring(0, 2));
        int mo = Integer.parseInt(value.substring(2, 4));
        int yy = Integer.parseInt(value.substring(4, 6));
        try {
            return LocalDate.of(yy < 80 ? 2000 + yy : 1900 + yy, mo, dd);
        } catch (java.time.DateTimeException e) {
            throw new BadField();
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int parseInt(String s) throws BadField {
        if (s.isEmpty() || s.length() > 3 || !allDigits(s)) {
            throw new BadField();
        }
        return Integer.parseInt(s);
    }

    private static double parseDouble(String s) throws BadField {
        // Only plain decimals: Double.parseDouble would also take "NaN", "1e9", hex floats, "1d".
        if (s.isEmpty() || s.length() > 20) {
            throw new BadField();
        }
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!(c == '.' || (c == '-' && i == 0))) {
                throw new BadField();
            }
        }
        if (!digit) {
            throw new BadField();
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadField();
        }
    }

    /** A field that does not parse; control flow only, so no stack trace. */
    private static final class BadField extends Exception {
        BadField() {
            super(null, null, false, false);
        }
    }
}
