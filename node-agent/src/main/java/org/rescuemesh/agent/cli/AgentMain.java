package org.rescuemesh.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code node-agent.jar}: one subcommand per job. */
@Command(name = "node-agent.jar",
        mixinStandardHelpOptions = true,
        version = "RescueMesh node-agent 0.1.0",
        description = "RescueMesh field agent: gossip membership, link and position reports, store-and-forward.",
        subcommands = {
                KeygenCommand.class,
                RunCommand.class,
                org.rescuemesh.gossip.sim.SimulateCommand.class,
        })
public final class AgentMain implements Runnable {

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
        return new CommandLine(new AgentMain()).execute(args);
    }
}
