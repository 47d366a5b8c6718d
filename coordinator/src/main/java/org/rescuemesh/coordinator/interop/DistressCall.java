package org.rescuemesh.coordinator.interop;

import java.util.regex.Pattern;

/**
 * Whether a chat line from another network is a call for help. Neither TAK chat nor Meshtastic
 * has a priority a person in trouble can set, so the words decide: SOS or MAYDAY first (as on
 * voice radio), or Meshtastic's alert bell anywhere (its canned "alert" messages carry it).
 */
public final class DistressCall {

    private static final Pattern WORDS = Pattern.compile("(?is)^\\W*(sos|mayday)\\b.*");
    /** ASCII BEL, what Meshtastic's alert messages ring with. */
    public static final char BELL = '\u0007';

    private DistressCall() {
    }

    public static boolean in(String text) {
        return text.indexOf(BELL) >= 0 || WORDS.matcher(text).matches();
    }
}
