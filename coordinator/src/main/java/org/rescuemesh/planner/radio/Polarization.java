package org.rescuemesh.planner.radio;

/** Antenna polarisation; ITM codes 0 horizontal, 1 vertical. */
public enum Polarization {
    HORIZONTAL(0), VERTICAL(1);

    private final int code;

    Polarization(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Polarization ofCode(int code) {
        return switch (code) {
            case 0 -> HORIZONTAL;
            case 1 -> VERTICAL;
            default -> throw new IllegalArgumentException("polarization must be 0 (horizontal) or 1 (vertical), got " + code);
        };
    }

    /** Parses "horizontal"/"vertical" (case-insensitive) or "0"/"1". */
    public static Polarization parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "horizontal", "h", "0" -> HORIZONTAL;
            case "vertical", "v", "1" -> VERTICAL;
            default -> throw new IllegalArgumentException("polarization must be horizontal or vertical, got '" + text + "'");
        };
    }
}
