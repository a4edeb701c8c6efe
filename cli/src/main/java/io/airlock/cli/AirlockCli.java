package io.airlock.cli;

import io.airlock.cli.images.ImagesCommand;
import io.airlock.cli.keys.KeysCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code airlock}: carries artifact versions across the air gap in signed bundles. */
@Command(
        name = "airlock",
        mixinStandardHelpOptions = true,
        version = "airlock 0.1.0",
        description = "Signed, resumable bundles that carry Trivy databases, Falco drivers and OpenSearch plugins "
                + "into an air-gapped Airlock.",
        subcommands = {KeysCommand.class, BundleCommand.class, ImagesCommand.class})
public final class AirlockCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool in this JVM and answers its exit code (tests call this directly). */
    public static int run(String... args) {
        CommandLine cmd = new CommandLine(new AirlockCli());
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliException) {
                CliException e = (CliException) ex;
                PrintWriter err = commandLine.getErr();
                err.println("airlock: " + e.line());
                err.flush();
                return e.exitCode();
            }
            throw ex;
        });
        return cmd.execute(args);
    }
}
