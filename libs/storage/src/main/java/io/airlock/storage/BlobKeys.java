package io.airlock.storage;

import java.nio.charset.StandardCharsets;

/**
 * The grammar of keys, shared by every backend so that a key valid on one is valid on all and can never name
 * anything outside the store.
 *
 * <p>A key is one or more segments joined by {@code /}. A segment is 1 to 255 bytes of UTF-8, is neither {@code .} nor
 * {@code ..}, and holds no control character (NUL included) and no backslash. A whole key is at most 1024 bytes. No
 * leading, trailing or doubled {@code /}.
 */
public final class BlobKeys {
    public static final int MAX_KEY_BYTES = 1024;
    public static final int MAX_SEGMENT_BYTES = 255;

    private BlobKeys() {}

    /** Returns {@code key} unchanged when valid, else throws {@link InvalidKeyException} saying why. */
    public static String requireValid(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidKeyException("empty path");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidKeyException("path longer than " + MAX_KEY_BYTES + " bytes");
        }
        int start = 0;
        while (true) {
            int slash = key.indexOf('/', start);
            int end = slash < 0 ? key.length() : slash;
            checkSegment(key.substring(start, end));
            if (slash < 0) {
                return key;
            }
            start = slash + 1;
        }
    }

    /**
     * Returns {@code prefix} unchanged when it is a valid directory prefix: empty (the root) or a valid key followed by
     * {@code /}.
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        if (!prefix.endsWith("/")) {
            throw new InvalidKeyException("a directory prefix ends with '/'");
        }
        requireValid(prefix.substring(0, prefix.length() - 1));
        return prefix;
    }

    /** The last segment of a key or prefix: {@code b.zip} for {@code a/b.zip}, {@code a} for {@code x/a/}. */
    public static String name(String keyOrPrefix) {
        String k = keyOrPrefix.endsWith("/") ? keyOrPrefix.substring(0, keyOrPrefix.length() - 1) : keyOrPrefix;
        return k.substring(k.lastIndexOf('/') + 1);
    }

    private static void checkSegment(String segment) {
        if (segment.isEmpty()) {
            throw new InvalidKeyException("empty path segment");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new InvalidKeyException("'.' and '..' are not allowed in paths");
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            throw new InvalidKeyException("path segment longer than " + MAX_SEGMENT_BYTES + " bytes");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\') {
                throw new InvalidKeyException("backslash is not allowed in paths");
            }
            if (Character.isISOControl(c)) {
                throw new InvalidKeyException("control characters are not allowed in paths");
            }
        }
    }
}
