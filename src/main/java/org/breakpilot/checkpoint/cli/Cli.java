package org.breakpilot.checkpoint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar checkpoint-agent.jar <command>}: inspect and steer the agent in running JVMs.
 * Exit 0 on success, 2 on a usage error, 1 on a failure, each failure with one line on stderr.
 */
@Command(name = "checkpoint-agent", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Inspect and steer checkpoint-agent in running JVMs (by pid, through the Attach API), and"
                + " its journals offline.",
        subcommands = {AgentCommands.ListJvms.class, AgentCommands.Attach.class, AgentCommands.Detach.class,
            SessionCommands.Summary.class, SessionCommands.Export.class, SessionCommands.Import.class,
            SessionCommands.Rollback.class, SessionCommands.Fork.class, SessionCommands.Tail.class,
            JournalCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    static final int USAGE = 2;
    static final int FAILURE = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private Cli() {
    }

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI, writing to {@code out} and {@code err}; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Cli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((problem, arguments) -> {
            String command = problem.getCommandLine().getCommandName();
            err.println("checkpoint-agent: " + problem.getMessage() + " (see: java -jar checkpoint-agent.jar "
                    + (command.equals("checkpoint-agent") ? "" : command + " ") + "--help)");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((problem, line, parsed) -> {
            err.println("checkpoint-agent: " + problem.getMessage());
            return problem instanceof IllegalArgumentException ? USAGE : FAILURE;
        });
        return commandLine.execute(args);
    }

    /** With no command: a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Prints an export on {@code stdout}, or writes it to {@code out} and prints {@code written}. */
    static void printOrWrite(PrintWriter stdout, String json, Path out, String written) throws IOException {
        if (out == null) {
            stdout.println(json);
        } else {
            Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
            stdout.println(written);
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"checkpoint-agent " + (version == null ? "(development build)" : version)};
        }
    }
}
