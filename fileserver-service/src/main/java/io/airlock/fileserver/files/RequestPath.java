package io.airlock.fileserver.files;

import io.airlock.storage.BlobKeys;
import io.airlock.storage.InvalidKeyException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request path as the file server understands it: either a file key or a directory prefix.
 *
 * <p>Decoding is done here, once, from the raw request path: percent escapes are decoded as UTF-8 ({@code %2B} becomes
 * {@code +}, so the Falco driver loader's escaped URL and a hand-typed raw {@code +} name the same file), {@code +}
 * stays a plus (this is a path, not a form), and anything malformed or escaping the root ({@code ..} raw or encoded,
 * backslashes, NUL, over-long names) is refused by {@link BlobKeys}.
 *
 * @param key the file key ({@code a/b.zip}) or directory prefix ({@code a/}, {@code ""} for the root)
 * @param directory whether the path ended in {@code /}
 */
public record RequestPath(String key, boolean directory) {

    /** Parses a raw, still-encoded path such as {@code /8.1.0%2Bdriver/x86_64/falco.ko}. */
    public static RequestPath parse(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new InvalidKeyException("path must start with '/'");
        }
        String decoded = percentDecode(rawPath.substring(1));
        if (decoded.isEmpty()) {
            return new RequestPath("", true);
        }
        if (decoded.endsWith("/")) {
            return new RequestPath(BlobKeys.requireValidPrefix(decoded), true);
        }
        return new RequestPath(BlobKeys.requireValid(decoded), false);
    }

    /** The path as a URL path, re-encoded where needed, with a leading slash. */
    public String urlPath() {
        return "/" + encodePath(key);
    }

    /** The last segment: the file name, or the directory name. */
    public String name() {
        return key.isEmpty() ? "" : BlobKeys.name(key);
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new InvalidKeyException("truncated percent escape in path");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new InvalidKeyException("invalid percent escape in path");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidKeyException("path is not valid UTF-8");
        }
    }

    /** Encodes each segment of a key for use in a URL path (RFC 3986 unreserved and sub-delims kept). */
    public static String encodePath(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 16);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~/!$&'()*,;=:@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
