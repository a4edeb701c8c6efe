package io.airlock.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: for requests that ordinary clients refuse to send or
 * "fix" (raw {@code ..} segments, NUL escapes, lying Content-Length, a body cut off mid-way).
 */
public final class RawHttp {
    private RawHttp() {}

    /** A parsed response: status, headers (lower-case names), body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code method target} with no body and {@code Connection: close}, and reads the whole response. */
    public static Response request(int port, String method, String target) {
        return exchange(
                port,
                (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code raw} as is and reads the response until the server closes. */
    public static Response exchange(int port, byte[] raw) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(raw);
            out.flush();
            return read(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code raw}, half-closes the socket when {@code halfClose} (the client has nothing more to send), and
     * reads the first final (non-1xx) response, waiting at most {@code timeoutMillis} for each read. A read that times
     * out throws {@link java.net.SocketTimeoutException}; a connection closed without a response returns null.
     */
    public static Response exchange(int port, byte[] raw, int timeoutMillis, boolean halfClose) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            try {
                out.write(raw);
                out.flush();
                if (halfClose) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may answer and close before reading all of a request it refuses: read what it said
            }
            byte[] all;
            try {
                all = readUpTo(s.getInputStream(), 64 << 20);
            } catch (java.net.SocketException e) {
                return null; // reset by the server: a dropped connection
            }
            while (true) {
                if (all.length == 0) {
                    return null;
                }
                Response r = read(new java.io.ByteArrayInputStream(all));
                if (r.status() >= 200 || r.status() < 100) {
                    return decodeChunked(r);
                }
                int next = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) + 4;
                all = java.util.Arrays.copyOfRange(all, next, all.length);
            }
        }
    }

    private static byte[] readUpTo(InputStream in, int max) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        int n;
        while (all.size() < max && (n = in.read(buf)) >= 0) {
            all.write(buf, 0, n);
        }
        return all.toByteArray();
    }

    /** The body of a chunked response, de-chunked; any other response as it is. */
    private static Response decodeChunked(Response r) {
        String te = r.header("Transfer-Encoding");
        if (te == null || !te.toLowerCase(Locale.ROOT).contains("chunked")) {
            String cl = r.header("Content-Length");
            if (cl != null) {
                try {
                    int n = Integer.parseInt(cl.strip());
                    if (n < r.body().length) {
                        return new Response(r.status(), r.headers(), java.util.Arrays.copyOf(r.body(), n));
                    }
                } catch (NumberFormatException e) {
                    // leave it
                }
            }
            return r;
        }
        byte[] b = r.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        try {
            while (i < b.length) {
                int eol = indexOf(
                        java.util.Arrays.copyOfRange(b, i, b.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
                if (eol < 0) {
                    break;
                }
                String size = new String(b, i, eol, StandardCharsets.ISO_8859_1);
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                i += eol + 2;
                if (n == 0) {
                    break;
                }
                out.write(b, i, Math.min(n, b.length - i));
                i += n + 2;
            }
        } catch (NumberFormatException e) {
            return r;
        }
        return new Response(r.status(), r.headers(), out.toByteArray());
    }

    /**
     * Starts an upload that declares {@code declaredLength} bytes, sends only {@code sent} of them, then drops the
     * connection, as a client killed mid-upload does.
     */
    public static void abortedUpload(int port, String target, String authorization, byte[] sent, long declaredLength) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                            + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + declaredLength
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(sent);
            out.flush();
            s.setSoLinger(true, 0); // reset, not a polite close
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int headerEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (headerEnd < 0) {
            throw new IOException("no complete response head: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(all, headerEnd + 4, all.length - headerEnd - 4);
        return new Response(status, headers, body.toByteArray());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
