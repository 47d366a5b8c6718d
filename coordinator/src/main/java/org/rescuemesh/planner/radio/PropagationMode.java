package org.rescuemesh.planner.radio;

/** Which region of the ITM reference-attenuation curve a path falls in; codes as in the NTIA reference. */
public enum PropagationMode {
    LINE_OF_SIGHT(1), DIFFRACTION(2), TROPOSCATTER(3);

    private final int code;

    PropagationMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
