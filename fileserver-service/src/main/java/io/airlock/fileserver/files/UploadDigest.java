package io.airlock.fileserver.files;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sha256 a client declares for an upload, from any of the headers clients use: {@code X-Checksum-Sha256: <hex>}
 * (Artifactory/Nexus style), {@code Digest: sha-256=<base64>} (RFC 3230) or {@code Content-Digest: sha-256=:<base64>:}
 * (RFC 9530). Other algorithms in those headers are ignored; a malformed sha-256 value is refused.
 */
public final class UploadDigest {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern DIGEST_ITEM = Pattern.compile("(?i)\\s*sha-256\\s*=\\s*:?(.*?):?\\s*");

    private UploadDigest() {}

    public static Optional<String> sha256Hex(
            Optional<String> xChecksumSha256, Optional<String> digest, Optional<String> contentDigest) {
        if (xChecksumSha256.isPresent()) {
            String v = xChecksumSha256.get().strip();
            if (!HEX64.matcher(v).matches()) {
                throw new BadRequestException("X-Checksum-Sha256 must be 64 hex digits");
            }
            return Optional.of(v.toLowerCase(Locale.ROOT));
        }
        for (Optional<String> header : java.util.List.of(contentDigest, digest)) {
            if (header.isPresent()) {
                for (String item : header.get().split(",")) {
                    Matcher m = DIGEST_ITEM.matcher(item);
                    if (m.matches()) {
                        return Optional.of(fromBase64(m.group(1)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String fromBase64(String b64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("sha-256 digest is not valid base64");
        }
        if (raw.length != 32) {
            throw new BadRequestException("sha-256 digest must be 32 bytes");
        }
        return HexFormat.of().formatHex(raw);
    }
}
