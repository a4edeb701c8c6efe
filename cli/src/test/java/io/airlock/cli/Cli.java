package io.airlock.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the shaded airlock jar as an operator does, with a 128 MiB heap, under /usr/bin/time when present (peak RSS). */
final class Cli {
    record Run(int exit, String out, String err, long maxRssKb) {
        List<String> errorLines() {
            return err.lines().filter(l -> l.startsWith("airlock:")).toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path jar;
    private final Path tmp;

    Cli(Path jar, Path tmp) {
        this.jar = jar;
        this.tmp = tmp;
    }

    Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            cmd.addAll(List.of("/usr/bin/time", "-v"));
        }
        cmd.addAll(List.of(Servers.javaBin(), "-Xmx128m", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "cli", ".out");
        Path err = Files.createTempFile(tmp, "cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("AIRLOCK_PROGRESS", "always");
        // the import's targets default to AIRLOCK_*_URL: only the ones a test passes count
        pb.environment().keySet().removeIf(k -> k.startsWith("AIRLOCK_") && k.endsWith("_URL"));
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("airlock " + String.join(" ", args) + " did not finish");
        }
        String stderr = Files.readString(err);
        int exit = p.exitValue();
        long rss = -1;
        if (timed) {
            Matcher m = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)")
                    .matcher(stderr);
            if (m.find()) {
                rss = Long.parseLong(m.group(1));
            }
            Matcher st = Pattern.compile("Exit status: (\\d+)").matcher(stderr);
            if (st.find()) {
                exit = Integer.parseInt(st.group(1));
            }
            int at = stderr.indexOf("\tCommand being timed:");
            int exited = stderr.indexOf("Command exited with non-zero status");
            if (exited >= 0 && (at < 0 || exited < at)) {
                at = exited;
            }
            if (at >= 0) {
                stderr = stderr.substring(0, at);
            }
        }
        Run run = new Run(exit, Files.readString(out), stderr, rss);
        System.out.println("airlock " + String.join(" ", args) + " -> exit " + exit + ", max RSS " + rss / 1024
                + " MiB\n" + run.out() + run.err());
        return run;
    }
}
