package io.airlock.testkit.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Proof that nothing was written outside a store: a snapshot of every file and directory under some watched
 * directories (minus the allowed store roots) taken before a fuzz run, compared after it, plus canary directories
 * next to each store root that must stay as they were, plus a search for {@link HostileInputs#MARKER} names in the
 * watched directories and the system temp directory.
 */
public final class DiskWatch {
    private final List<Path> allowed;
    private final List<Path> watched;
    private final Map<String, String> before;
    private final List<Path> canaries = new ArrayList<>();
    private final List<Path> searched = new ArrayList<>();

    private DiskWatch(List<Path> allowed, List<Path> watched) {
        this.allowed = allowed.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.watched = watched.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        for (Path root : this.allowed) {
            Path canary = root.resolveSibling(root.getFileName() + "-fuzz-canary");
            try {
                Files.createDirectories(canary);
                Files.writeString(canary.resolve("canary.txt"), "must stay unchanged\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            canaries.add(canary);
        }
        this.before = snapshot();
    }

    /**
     * Starts watching: {@code watched} directories (recursively) for any change outside the {@code allowed} roots.
     * Creates a canary directory next to each allowed root.
     */
    public static DiskWatch start(List<Path> allowed, List<Path> watched) {
        return new DiskWatch(allowed, watched);
    }

    public List<Path> canaries() {
        return canaries;
    }

    /**
     * Also searches {@code dirs} (10 levels deep) for files named with {@link HostileInputs#MARKER} afterwards,
     * without snapshotting them: for directories other processes write to meanwhile (a build's {@code target/}).
     */
    public DiskWatch alsoSearch(Path... dirs) {
        for (Path d : dirs) {
            searched.add(d.toAbsolutePath().normalize());
        }
        return this;
    }

    /** Everything that appeared, changed or went away outside the allowed roots since {@link #start}. */
    public List<String> changes() {
        Map<String, String> after = snapshot();
        List<String> changes = new ArrayList<>();
        after.forEach((path, state) -> {
            String old = before.get(path);
            if (old == null) {
                changes.add("new: " + path);
            } else if (!old.equals(state) && !state.startsWith("d")) {
                changes.add("changed: " + path);
            }
        });
        before.keySet().stream().filter(p -> !after.containsKey(p)).forEach(p -> changes.add("gone: " + p));
        for (Path canary : canaries) {
            try (var entries = Files.list(canary)) {
                entries.filter(p -> !p.getFileName().toString().equals("canary.txt"))
                        .forEach(p -> changes.add("in canary: " + p));
            } catch (IOException e) {
                changes.add("canary unreadable: " + canary + ": " + e);
            }
        }
        changes.addAll(markers(Path.of(System.getProperty("java.io.tmpdir")), 3));
        for (Path d : searched) {
            changes.addAll(markers(d, 10));
        }
        for (Path d : watched) {
            changes.addAll(markers(d, 10));
        }
        return changes;
    }

    /** Fails listing every change outside the allowed roots. */
    public void assertNothingOutside() {
        List<String> changes = changes();
        if (!changes.isEmpty()) {
            throw new AssertionError("written outside the store " + allowed + ":\n  " + String.join("\n  ", changes));
        }
    }

    private Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        for (Path dir : watched) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                        if (allowed.contains(d.toAbsolutePath().normalize())) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        files.put(d.toString(), "d");
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                        files.put(
                                f.toString(),
                                "f" + attrs.size() + "@"
                                        + attrs.lastModifiedTime().toMillis());
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private List<String> markers(Path dir, int depth) {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try {
            Files.walkFileTree(dir, java.util.Set.of(), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (allowed.contains(d.toAbsolutePath().normalize())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    check(d);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    check(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // vanished meanwhile (another process): best effort
                }

                private void check(Path p) {
                    if (p.getFileName() != null && p.getFileName().toString().contains(HostileInputs.MARKER)) {
                        found.add("fuzz-named file: " + p);
                    }
                }
            });
        } catch (IOException e) {
            found.add("could not search " + dir + ": " + e);
        }
        return found;
    }
}
