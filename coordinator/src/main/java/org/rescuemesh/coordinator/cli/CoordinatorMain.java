package org.rescuemesh.coordinator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code coordinator.jar}: one subcommand per job. */
@Command(name = "coordinator.jar",
        mixinStandardHelpOptions = true,
        version = "RescueMesh coordinator 0.1.0",
        description = "RescueMesh coordinator: live operating picture, agency ingest, planning.",
        subcommands = {
                DemoCommand.class,
                ServeCommand.class,
                ViewshedCommand.class,
                CoverageCommand.class,
                PlanRelaysCommand.class,
                BenchIngestCommand.class,
        })
public final class CoordinatorMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; used by tests so they never call System.exit. */
    public static int execute(String... args) {
        return new CommandLine(new CoordinatorMain()).execute(args);
    }
}
