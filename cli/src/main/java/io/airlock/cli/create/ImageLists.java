package io.airlock.cli.create;

import io.airlock.cli.CliException;
import io.airlock.cli.create.BundleCreator.ImageJob;
import io.airlock.cli.spec.BundleSpec;
import io.airlock.images.ImageReference;
import io.airlock.images.InvalidImageReferenceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the spec's {@code images} section, {@code --images} files and coverage gaps into image jobs: each reference
 * normalized as containerd reads it, each image once (by its normalized reference), each fetched from its upstream
 * (or the spec's mirror for that upstream).
 */
public final class ImageLists {
    /** Docker Hub's API host: {@code docker.io} is only the name images carry. */
    public static final String DOCKER_HUB_API = "https://registry-1.docker.io";

    private ImageLists() {}

    /** The references of a list file: one a line, blank lines and {@code #} comments ignored. */
    public static List<String> read(Path file) {
        List<String> refs = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw CliException.usage("image list " + file + " cannot be read: " + e.getMessage(), "Check the path");
        }
        for (String line : lines) {
            int hash = line.indexOf('#');
            String ref = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!ref.isEmpty()) {
                refs.add(ref);
            }
        }
        return refs;
    }

    /**
     * The jobs for {@code references} (as written), deduplicated by their normalized form.
     *
     * @param where names the list in error messages
     */
    public static List<ImageJob> jobs(BundleSpec.Images section, List<String> references, String where) {
        Map<String, ImageJob> jobs = new LinkedHashMap<>();
        List<String> platforms = platforms(section == null ? List.of() : section.platforms());
        for (String raw : references) {
            ImageReference ref;
            try {
                ref = ImageReference.parse(raw);
            } catch (InvalidImageReferenceException e) {
                throw CliException.usage(where + ": " + e.getMessage(), "Correct or remove the reference");
            }
            jobs.putIfAbsent(ref.toString(), new ImageJob(ref, upstreamUrl(section, ref.registry()), platforms));
        }
        return new ArrayList<>(jobs.values());
    }

    /** The base URL to fetch {@code host}'s images from: the spec's override, else the host's public API. */
    public static String upstreamUrl(BundleSpec.Images section, String host) {
        if (section != null) {
            String override = section.registries().get(host);
            if (override == null && ImageReference.DOCKER_HUB.equals(host)) {
                override = section.registries().get("index.docker.io");
            }
            if (override != null && !override.isBlank()) {
                return override.strip();
            }
        }
        return ImageReference.DOCKER_HUB.equals(host) ? DOCKER_HUB_API : "https://" + host;
    }

    /** {@code os/arch[/variant]} values, checked; a comma-separated value counts as several. */
    public static List<String> platforms(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String p : v.split(",")) {
                String s = p.strip().toLowerCase(Locale.ROOT);
                if (s.isEmpty()) {
                    continue;
                }
                String[] parts = s.split("/");
                if (parts.length < 2 || parts.length > 3) {
                    throw CliException.usage(
                            "platform '" + p.strip() + "' is not os/arch or os/arch/variant",
                            "Write it as containerd does, e.g. linux/amd64 or linux/arm64/v8");
                }
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
