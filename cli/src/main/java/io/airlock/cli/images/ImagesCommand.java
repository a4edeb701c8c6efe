package io.airlock.cli.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.airlock.cli.CliException;
import io.airlock.images.inventory.ImageInventory;
import io.airlock.images.inventory.InputKind;
import io.airlock.images.inventory.Inventory;
import io.airlock.images.inventory.InventoryImage;
import io.airlock.images.inventory.InventoryProblem;
import io.airlock.images.inventory.InventoryReport;
import io.airlock.images.inventory.UnreadableInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "images",
        description = "Container images: what a platform uses, normalized as containerd reads references.",
        subcommands = {ImagesCommand.InventoryCommand.class})
public final class ImagesCommand {

    /** Exit code when the inventory was printed but some references could not be read (listed on stderr). */
    public static final int PROBLEMS = 1;

    @Command(
            name = "inventory",
            description = {
                "Read image lists, 'helm template' / 'helmfile template' output and 'kubectl get pods -A -o json', in "
                        + "any mix, and print every distinct image once, normalized (docker.io, library/, latest, "
                        + "digests kept; a pod's running digest pinned), grouped by upstream registry.",
                "Malformed references are listed on stderr with where they were found, and the exit code is 1."
            })
    public static final class InventoryCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--list",
                paramLabel = "FILE",
                description = "An image list: one reference a line, '#' comments (repeatable; '-' is stdin).")
        List<String> lists = new ArrayList<>();

        @Option(
                names = "--helm",
                paramLabel = "FILE",
                description = "Output of helm template or helmfile template: every image: value, strings and "
                        + "{registry, repository, tag, digest} maps (repeatable; '-' is stdin).")
        List<String> helm = new ArrayList<>();

        @Option(
                names = "--pods",
                paramLabel = "FILE",
                description = "Output of kubectl get pods -A -o json: containers, init and ephemeral containers, at "
                        + "the digest they run (repeatable; '-' is stdin).")
        List<String> pods = new ArrayList<>();

        @Option(
                names = "--format",
                defaultValue = "text",
                paramLabel = "FORMAT",
                description = "text (grouped by upstream), json, or list (one reference a line, what 'bundle create "
                        + "--images' reads). Default: ${DEFAULT-VALUE}.")
        String format;

        @Override
        public Integer call() throws IOException {
            if (!List.of("text", "json", "list").contains(format)) {
                throw CliException.usage(
                        "unknown --format '" + format + "'", "Use --format text, --format json or --format list");
            }
            if (lists.isEmpty() && helm.isEmpty() && pods.isEmpty()) {
                throw CliException.usage(
                        "no input", "Pass --list FILE, --helm FILE or --pods FILE (any mix, repeatable; '-' is stdin)");
            }
            long stdin = List.of(lists, helm, pods).stream()
                    .flatMap(List::stream)
                    .filter("-"::equals)
                    .count();
            if (stdin > 1) {
                throw CliException.usage("stdin ('-') is given more than once", "Read at most one input from stdin");
            }
            ImageInventory inventory = new ImageInventory();
            read(inventory, InputKind.LIST, lists);
            read(inventory, InputKind.HELM, helm);
            read(inventory, InputKind.PODS, pods);
            Inventory result = inventory.result();
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case "json" -> out.println(new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(InventoryReport.of(result)));
                case "list" -> result.references().forEach(out::println);
                default -> text(result, out);
            }
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            for (InventoryProblem p : result.problems()) {
                err.println("airlock: " + p);
            }
            if (result.problemsLeftOut() > 0) {
                err.println("airlock: and " + result.problemsLeftOut() + " more problems");
            }
            err.flush();
            return result.problems().isEmpty() ? 0 : PROBLEMS;
        }

        private static void read(ImageInventory inventory, InputKind kind, List<String> files) throws IOException {
            for (String file : files) {
                String name = file.equals("-") ? "stdin" : file;
                try (InputStream in = file.equals("-") ? nonClosing(System.in) : Files.newInputStream(Path.of(file))) {
                    inventory.read(kind, name, in);
                } catch (NoSuchFileException e) {
                    throw CliException.usage("--" + kind.id() + " " + file + ": no such file", null);
                } catch (UnreadableInputException e) {
                    throw CliException.usage(
                            "--" + kind.id() + " " + e.getMessage(),
                            kind == InputKind.PODS
                                    ? "Pass the output of kubectl get pods -A -o json"
                                    : kind == InputKind.HELM ? "Pass the output of helm template" : null);
                } catch (IOException e) {
                    throw CliException.usage(
                            "--" + kind.id() + " " + file + ": cannot read (" + e.getMessage() + ")", null);
                }
            }
        }

        private static void text(Inventory result, PrintWriter out) {
            for (Map.Entry<String, List<InventoryImage>> group :
                    result.byUpstream().entrySet()) {
                out.println(group.getKey() + " (" + group.getValue().size() + ")");
                for (InventoryImage image : group.getValue()) {
                    out.println("  " + image.reference());
                }
            }
            int upstreams = result.byUpstream().size();
            out.println(result.images().size() + (result.images().size() == 1 ? " image" : " images") + " from "
                    + upstreams + (upstreams == 1 ? " upstream" : " upstreams")
                    + (result.pods() > 0 ? " (" + result.pods() + " pods read)" : ""));
        }

        private static InputStream nonClosing(InputStream in) {
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() {}
            };
        }
    }
}
