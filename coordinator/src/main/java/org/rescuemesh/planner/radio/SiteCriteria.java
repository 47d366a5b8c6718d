package org.rescuemesh.planner.radio;

/** How carefully an area-mode terminal was sited; ITM codes 0 random, 1 careful, 2 very careful. */
public enum SiteCriteria {
    RANDOM, CAREFUL, VERY_CAREFUL;

    public static SiteCriteria ofCode(int code) {
        return switch (code) {
            case 0 -> RANDOM;
            case 1 -> CAREFUL;
            case 2 -> VERY_CAREFUL;
            default -> throw new IllegalArgumentException("siting criteria must be 0 (random), 1 (careful) or 2 (very careful), got " + code);
        };
    }
}
