package org.rescuemesh.coordinator.cli;

/**
 * One option as {@link PlainCommandLine} reads it: the long name, whether picocli requires it,
 * whether it may be repeated (a list), and the default text picocli would convert when it is absent
 * ({@code null}: the field keeps its Java default, as picocli leaves it).
 */
record PlainOption(String name, boolean required, boolean repeatable, String defaultValue) {

    static PlainOption required(String name) {
        return new PlainOption(name, true, false, null);
    }

    static PlainOption requiredList(String name) {
        return new PlainOption(name, true, true, null);
    }

    static PlainOption optional(String name, String defaultValue) {
        return new PlainOption(name, false, false, defaultValue);
    }

    static PlainOption optional(String name) {
        return new PlainOption(name, false, false, null);
    }
}
