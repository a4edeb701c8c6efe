package io.airlock.images.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.airlock.images.ImageReference;
import io.airlock.images.InvalidImageReferenceException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects the images of any mix of image lists, rendered Helm charts and pod lists, normalized as containerd reads
 * them ({@link ImageReference}) and deduplicated. Not thread-safe: one instance per inventory.
 *
 * <p>What each input contributes:
 *
 * <ul>
 *   <li>an image list: every non-blank line, after {@code #} comments; a line {@code ---} or {@code null} (what
 *       {@code yq '..|.image?'} prints between and beside images) is skipped, and surrounding quotes are dropped;
 *   <li>a rendered chart: every value of a key {@code image} anywhere in any document: a string, or a map of
 *       {@code registry}, {@code repository}, {@code tag} and {@code digest} as common charts write it (scalars are
 *       taken as written, so a tag {@code 1.10} stays {@code 1.10});
 *   <li>a pod list: the image of every container, init container and ephemeral container, pinned to the digest its
 *       status reports running ({@code imageID} of the matching container status, when it names a manifest digest:
 *       {@code repo@sha256:...} with or without a {@code docker-pullable://} scheme). A bare {@code sha256:...}
 *       {@code imageID} is the runtime's local image id (the config digest), which no registry serves as a manifest,
 *       so such a container counts by its tag. Pods are read one at a time: memory stays bounded by the largest pod,
 *       not by the list.
 * </ul>
 *
 * <p>A malformed reference becomes an {@link InventoryProblem} naming its input and place; an input that is not what
 * its kind promises throws {@link UnreadableInputException}.
 */
public final class ImageInventory {
    /** Problems kept for the report; more are counted, not kept. */
    public static final int MAX_PROBLEMS = 1000;

    private static final JsonFactory JSON = new ObjectMapper().getFactory();
    private static final YAMLFactory YAML = new YAMLFactory(new ObjectMapper());
    private static final Pattern MANIFEST_DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");
    private static final List<String> STATUS_LISTS =
            List.of("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses");

    private final Map<String, Found> images = new LinkedHashMap<>();
    private final List<InventoryProblem> problems = new ArrayList<>();
    private long problemsLeftOut;
    private int pods;

    private record Found(ImageReference reference, List<ImageUse> uses) {}

    /** Reads {@code in} as {@code kind}; {@code source} names it in problems. The stream is not closed. */
    public ImageInventory read(InputKind kind, String source, InputStream in) throws IOException {
        return switch (kind) {
            case LIST -> readList(source, in);
            case HELM -> readHelm(source, in);
            case PODS -> readPods(source, in);
        };
    }

    /** An image list, UTF-8. */
    public ImageInventory readList(String source, InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
                s = s.substring(1, s.length() - 1).strip();
            }
            if (s.isEmpty() || s.equals("---") || s.equals("null")) {
                continue;
            }
            add(s, ImageUse.at(source, "line " + number));
        }
        return this;
    }

    /** The output of {@code helm template} or {@code helmfile template}: YAML documents separated by {@code ---}. */
    public ImageInventory readHelm(String source, InputStream in) throws IOException {
        try (JsonParser p = YAML.createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                walk(p, t, source);
            }
        } catch (JsonProcessingException e) {
            throw unreadable(source, "not YAML", e);
        }
        return this;
    }

    /** {@code kubectl get pods -A -o json} (a {@code List} of pods) or {@code kubectl get pod NAME -o json}. */
    public ImageInventory readPods(String source, InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableInputException(
                        source, "expected a JSON object, the output of kubectl get pods -A -o json");
            }
            boolean items = false;
            Map<String, JsonNode> single = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("items")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new UnreadableInputException(source, "\"items\" is not a list");
                    }
                    items = true;
                    int index = 0;
                    while ((value = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (value != JsonToken.START_OBJECT) {
                            throw new UnreadableInputException(source, "items[" + index + "] is not an object");
                        }
                        JsonNode item = p.readValueAsTree();
                        JsonNode itemKind = item.get("kind");
                        if (itemKind != null && !"Pod".equals(itemKind.asText())) {
                            throw new UnreadableInputException(
                                    source,
                                    "items[" + index + "] is a " + itemKind.asText()
                                            + ", not a Pod: expected kubectl get pods -A -o json");
                        }
                        pod(item, index++, source);
                    }
                } else if (field.equals("kind")
                        || field.equals("metadata")
                        || field.equals("spec")
                        || field.equals("status")) {
                    single.put(field, p.readValueAsTree());
                } else {
                    p.skipChildren();
                }
            }
            JsonNode kind = single.get("kind");
            if (!items) {
                if (kind == null || !"Pod".equals(kind.asText())) {
                    throw new UnreadableInputException(
                            source,
                            "expected a List of pods (kubectl get pods -A -o json) or one Pod, got "
                                    + (kind == null ? "an object without kind and items" : "kind " + kind.asText()));
                }
                pod(new ObjectMapper().valueToTree(single), 0, source);
            }
        } catch (JsonProcessingException e) {
            throw unreadable(source, "not JSON", e);
        }
        return this;
    }

    /** What has been read so far. */
    public Inventory result() {
        List<InventoryImage> list = images.values().stream()
                .map(f -> new InventoryImage(f.reference(), f.uses()))
                .sorted(Comparator.comparing(i -> i.reference().toString()))
                .toList();
        return new Inventory(list, problems, problemsLeftOut, pods);
    }

    private void walk(JsonParser p, JsonToken t, String source) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("image")) {
                    image(p, value, source);
                } else {
                    walk(p, value, source);
                }
            }
        } else if (t == JsonToken.START_ARRAY) {
            JsonToken value;
            while ((value = p.nextToken()) != JsonToken.END_ARRAY) {
                walk(p, value, source);
            }
        }
    }

    /** The value of an {@code image} key: a reference, or a map of its parts; anything else is not an image. */
    private void image(JsonParser p, JsonToken value, String source) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (value == JsonToken.VALUE_STRING) {
            String s = p.getText().strip();
            add(s, ImageUse.at(source, "line " + line));
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            walk(p, value, source);
            return;
        }
        Map<String, String> parts = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (v.isScalarValue()) {
                if (v != JsonToken.VALUE_NULL) {
                    parts.put(field, p.getText().strip());
                }
            } else if (field.equals("image")) {
                image(p, v, source);
            } else {
                walk(p, v, source);
            }
        }
        String repository = parts.get("repository");
        if (repository == null || repository.isEmpty()) {
            // e.g. image: {pullPolicy: IfNotPresent} in a values-like document: not a reference
            return;
        }
        StringBuilder ref = new StringBuilder();
        String registry = parts.get("registry");
        if (registry != null && !registry.isEmpty()) {
            ref.append(registry.replaceAll("/+$", "")).append('/');
        }
        ref.append(repository);
        String tag = parts.get("tag");
        if (tag != null && !tag.isEmpty()) {
            ref.append(':').append(tag);
        }
        String digest = parts.get("digest");
        if (digest != null && !digest.isEmpty()) {
            ref.append('@').append(digest);
        }
        add(ref.toString(), ImageUse.at(source, "line " + line));
    }

    private void pod(JsonNode pod, int index, String source) {
        pods++;
        JsonNode metadata = pod.path("metadata");
        String namespace = textOrNull(metadata.path("namespace"));
        String name = textOrNull(metadata.path("name"));
        String podName = (namespace == null ? "" : namespace + "/") + (name == null ? "items[" + index + "]" : name);
        JsonNode spec = pod.path("spec");
        Map<String, String> running = new HashMap<>();
        for (String list : STATUS_LISTS) {
            for (JsonNode status : pod.path("status").path(list)) {
                String container = textOrNull(status.path("name"));
                String digest = runningDigest(textOrNull(status.path("imageID")));
                if (container != null && digest != null) {
                    running.put(list.substring(0, list.length() - "Statuses".length()) + "/" + container, digest);
                }
            }
        }
        for (String list : CONTAINER_LISTS) {
            String statusKey = list.substring(0, list.length() - 1);
            for (JsonNode container : spec.path(list)) {
                String containerName = textOrNull(container.path("name"));
                ImageUse use = new ImageUse(
                        source,
                        "pod " + podName + " " + describe(list) + " " + (containerName == null ? "?" : containerName),
                        namespace,
                        name,
                        containerName,
                        null);
                String image = textOrNull(container.path("image"));
                if (image == null) {
                    problem(use, "has no image");
                    continue;
                }
                ImageReference ref = parse(image, use);
                if (ref == null) {
                    continue;
                }
                String digest = running.get(statusKey + "/" + containerName);
                ImageUse found = use.as(ref.toString());
                if (digest != null && ref.digest() == null) {
                    ref = ref.withDigest(digest);
                }
                add(ref, found);
            }
        }
    }

    private static String describe(String list) {
        return switch (list) {
            case "initContainers" -> "init container";
            case "ephemeralContainers" -> "ephemeral container";
            default -> "container";
        };
    }

    /**
     * The manifest digest in a container status' {@code imageID}: {@code docker.io/library/nginx@sha256:...},
     * {@code docker-pullable://nginx@sha256:...}; null for a bare {@code sha256:...} (a local image id) or anything
     * else.
     */
    static String runningDigest(String imageId) {
        if (imageId == null) {
            return null;
        }
        int at = imageId.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        String digest = imageId.substring(at + 1);
        return MANIFEST_DIGEST.matcher(digest).matches() ? digest : null;
    }

    private void add(String reference, ImageUse use) {
        ImageReference ref = parse(reference, use);
        if (ref != null) {
            add(ref, use.as(ref.toString()));
        }
    }

    private void add(ImageReference ref, ImageUse use) {
        images.computeIfAbsent(ref.toString(), k -> new Found(ref, new ArrayList<>()))
                .uses()
                .add(use);
    }

    private ImageReference parse(String reference, ImageUse use) {
        try {
            return ImageReference.parse(reference);
        } catch (InvalidImageReferenceException e) {
            problem(use, e.getMessage());
            return null;
        }
    }

    private void problem(ImageUse use, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new InventoryProblem(use.source(), use.location(), message));
        } else {
            problemsLeftOut++;
        }
    }

    private static String textOrNull(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }

    private static UnreadableInputException unreadable(String source, String what, JsonProcessingException e) {
        var at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new UnreadableInputException(source, what + where + ": " + e.getOriginalMessage());
    }
}
