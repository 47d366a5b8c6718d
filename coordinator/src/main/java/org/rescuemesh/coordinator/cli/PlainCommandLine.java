package org.rescuemesh.coordinator.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The short path of {@link CoordinatorMain} for {@link PlainOptionCommand}s: a command line made only
 * of known {@code --name value} / {@code --name=value} options, each single-valued option at most once
 * and every required one present, is applied directly. Anything else (help or version flags, unknown
 * or repeated options, a missing value, {@code @file} arguments, {@code --}, a value picocli's
 * converter would reject) returns false, and the caller runs picocli as before, which then prints
 * exactly its usual message. So this path only ever accepts command lines picocli accepts, with the
 * same field values (same converters), and never produces an error of its own.
 */
final class PlainCommandLine {

    private PlainCommandLine() {
    }

    /**
     * Applies {@code args[from..]} to {@code command}; false when picocli must handle the command
     * line (the command object is then partly filled and must be discarded).
     */
    static boolean apply(PlainOptionCommand command, String[] args, int from) {
        if (System.getProperty("picocli.trimQuotes") != null || System.getProperty("picocli.trace") != null) {
            return false; // picocli would rewrite or trace the arguments
        }
        List<PlainOption> options = command.plainOptions();
        boolean[] seen = new boolean[options.size()];
        int i = from;
        while (i < args.length) {
            String arg = args[i++];
            if (!arg.startsWith("--")) {
                return false;
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq >= 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i < args.length) {
                name = arg;
                value = args[i++];
            } else {
                return false;
            }
            int k = indexOf(options, name);
            if (k < 0 || !plainValue(value) || (seen[k] && !options.get(k).repeatable())) {
                return false;
            }
            seen[k] = true;
            if (!set(command, name, value)) {
                return false;
            }
        }
        for (int k = 0; k < seen.length; k++) {
            PlainOption o = options.get(k);
            if (!seen[k]) {
                if (o.required()) {
                    return false;
                }
                if (o.defaultValue() != null && !set(command, o.name(), o.defaultValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Runs an applied command with picocli's stdout/stderr writers; an unexpected exception is reported as picocli does. */
    static int run(PlainOptionCommand command) {
        PrintWriter out = writer(System.out, "sun.stdout.encoding");
        PrintWriter err = writer(System.err, "sun.stderr.encoding");
        try {
            return command.run(out, err);
        } catch (RuntimeException e) {
            // picocli's default for an exception escaping a command: stack trace on stderr, exit code 1.
            e.printStackTrace(err);
            err.flush();
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Picocli's stream writer: autoflush, the JVM's console encoding if it reports one. */
    static PrintWriter writer(OutputStream stream, String encodingProperty) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset(System.getProperty(encodingProperty)))), true);
    }

    private static Charset charset(String name) {
        if (name == null) {
            return Charset.defaultCharset();
        }
        if (name.equalsIgnoreCase("cp65001")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    private static int indexOf(List<PlainOption> options, String name) {
        for (int k = 0; k < options.size(); k++) {
            if (options.get(k).name().equals(name)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * A value picocli takes as it stands: not empty, not an {@code @file}, and not option-like
     * unless it is a negative number (which picocli accepts as an option's parameter).
     */
    static boolean plainValue(String value) {
        if (value.isEmpty() || value.charAt(0) == '@') {
            return false;
        }
        if (value.charAt(0) != '-') {
            return true;
        }
        boolean digit = false;
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                return false;
            }
        }
        return digit && value.charAt(1) != '-';
    }

    private static boolean set(PlainOptionCommand command, String name, String value) {
        try {
            command.setOption(name, value);
            return true;
        } catch (RuntimeException e) {
            return false; // picocli reports the conversion error in its own words
        }
    }
}
