package io.airlock.testkit.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One hostile HTTP/1.1 request, written byte for byte as built (no client "fixes" anything). By default the runner
 * adds {@code Host}, {@code Connection: close} and a true {@code Content-Length}; {@link #rawFraming()} turns the last
 * off so that a generator can lie about the body's length or send its own {@code Transfer-Encoding}.
 *
 * @param method the request method, sent as is
 * @param target the request target, sent as is (may hold raw non-ASCII bytes as ISO-8859-1 chars)
 * @param headers name/value pairs in order, duplicates allowed
 * @param body the bytes written after the head (possibly fewer than a declared length)
 * @param rawFraming true: the generator wrote the framing headers itself (no Content-Length is added)
 * @param truncated true: the request declares more body than it sends; the runner half-closes the socket after
 *     writing, and a server that drops such a connection without an answer is fine
 * @param httpLevel true: the request is malformed at the HTTP layer (framing, request line), so the answer may come
 *     from the HTTP server itself rather than the application, and its body format is not checked
 * @param label what the generator meant to try, for the failure report
 */
public record FuzzRequest(
        String method,
        String target,
        List<String[]> headers,
        byte[] body,
        boolean rawFraming,
        boolean truncated,
        boolean httpLevel,
        String label) {

    public static FuzzRequest of(String method, String target) {
        return new FuzzRequest(method, target, List.of(), new byte[0], false, false, false, method + " " + target);
    }

    public FuzzRequest header(String name, String value) {
        List<String[]> h = new ArrayList<>(headers);
        h.add(new String[] {name, value});
        return new FuzzRequest(method, target, List.copyOf(h), body, rawFraming, truncated, httpLevel, label);
    }

    public FuzzRequest body(byte[] content) {
        return new FuzzRequest(method, target, headers, content, rawFraming, truncated, httpLevel, label);
    }

    public FuzzRequest body(String content) {
        return body(content.getBytes(StandardCharsets.UTF_8));
    }

    /** The generator writes Content-Length / Transfer-Encoding itself; {@code truncated} as in the record. */
    public FuzzRequest rawFraming(boolean truncatedBody) {
        return new FuzzRequest(method, target, headers, body, true, truncatedBody, true, label);
    }

    public FuzzRequest asHttpLevel() {
        return new FuzzRequest(method, target, headers, body, rawFraming, truncated, true, label);
    }

    public FuzzRequest label(String what) {
        return new FuzzRequest(method, target, headers, body, rawFraming, truncated, httpLevel, what);
    }

    /**
     * True when the generator said so, or when the request is one the HTTP layer itself refuses before any
     * application code runs: raw control or non-ASCII bytes, a backslash or a broken percent escape in the request
     * target, a target that is not an absolute path, a request line over 4 KiB or a head over 8 KiB (the HTTP server's
     * limits), a method that is not a token.
     */
    @Override
    public boolean httpLevel() {
        if (httpLevel) {
            return true;
        }
        if (target.length() + method.length() > 4000 || !method.matches("[A-Za-z]+") || !target.startsWith("/")) {
            return true;
        }
        // a backslash or a broken percent escape: the HTTP server refuses the URI before routing
        if (target.contains("\\") || target.matches("(?s).*%(?![0-9A-Fa-f]{2}).*")) {
            return true;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return true;
            }
        }
        int head = 0;
        for (String[] h : headers) {
            head += h[0].length() + h[1].length() + 4;
        }
        return head > 8000;
    }

    public boolean isHead() {
        return "HEAD".equals(method);
    }

    /** The path part of the target (before {@code ?}). */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The bytes on the wire. */
    public byte[] toBytes() {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (!rawFraming && (body.length > 0 || !(method.equals("GET") || method.equals("HEAD")))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(h, 0, h.length);
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    /** A readable rendering for a failure report: the head as sent, then at most 600 bytes of body, escaped. */
    public String describe() {
        byte[] wire = toBytes();
        StringBuilder s = new StringBuilder();
        int shown = Math.min(wire.length, wire.length - body.length + 600);
        for (int i = 0; i < shown; i++) {
            int c = wire[i] & 0xff;
            if (c == '\n') {
                s.append("\\n\n");
            } else if (c == '\r') {
                s.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.append((char) c);
            }
        }
        if (shown < wire.length) {
            s.append("... (").append(wire.length - shown).append(" more body bytes)");
        }
        return s.toString();
    }
}
