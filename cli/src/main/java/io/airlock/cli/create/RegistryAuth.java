package io.airlock.cli.create;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlock.cli.CliException;
import io.airlock.images.ImageReference;
import io.airlock.oci.OciJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials per upstream registry from a Docker {@code config.json} ({@code auths.<host>.auth}, base64 of
 * {@code user:password}), as {@code docker login}, {@code podman login} and {@code skopeo login} write it. Keys may be
 * a host, {@code host:port} or a URL ({@code https://index.docker.io/v1/} is Docker Hub). Credential helpers are not
 * run.
 */
public final class RegistryAuth {
    /** A user and password for one registry. */
    public record Credential(String user, String password) {}

    private final Map<String, Credential> byHost;

    private RegistryAuth(Map<String, Credential> byHost) {
        this.byHost = byHost;
    }

    public static RegistryAuth none() {
        return new RegistryAuth(Map.of());
    }

    public static RegistryAuth read(Path file) {
        JsonNode json;
        try {
            json = OciJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw CliException.usage(
                    "--registry-auth " + file + " cannot be read: " + e.getMessage(),
                    "Pass a Docker config.json with an auths section");
        }
        Map<String, Credential> map = new HashMap<>();
        JsonNode auths = json == null ? null : json.get("auths");
        if (auths == null || !auths.isObject()) {
            throw CliException.usage(
                    "--registry-auth " + file + " has no auths section", "Pass a Docker config.json (docker login)");
        }
        auths.fields().forEachRemaining(e -> {
            String auth = e.getValue().path("auth").asText("");
            if (auth.isEmpty()) {
                return;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ex) {
                throw CliException.usage(
                        "--registry-auth " + file + ": auths." + e.getKey() + ".auth is not base64",
                        "It holds base64 of user:password");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw CliException.usage(
                        "--registry-auth " + file + ": auths." + e.getKey() + ".auth is not user:password", null);
            }
            map.put(host(e.getKey()), new Credential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        });
        return new RegistryAuth(map);
    }

    /** The credential for an upstream host as image references name it ({@code docker.io}, {@code ghcr.io}). */
    public Optional<Credential> forHost(String host) {
        return Optional.ofNullable(byHost.get(host));
    }

    private static String host(String key) {
        String k = key.strip();
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        try {
            return ImageReference.normalizeRegistry(k, key);
        } catch (IllegalArgumentException e) {
            return k;
        }
    }
}
