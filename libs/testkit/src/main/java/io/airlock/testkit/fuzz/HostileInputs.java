package io.airlock.testkit.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of hostile inputs: path segments that try to leave a store, malformed headers, bad digests,
 * broken JSON/YAML documents and OCI manifests. The same seed gives the same sequence, so a failure replays.
 *
 * <p>Every file name the generator makes up contains {@link #MARKER}, so a test can search the disk for anything the
 * fuzz managed to write where it must not.
 */
public final class HostileInputs {
    /** Part of every made-up file name: {@code find -name '*fzq*'} outside the store must find nothing. */
    public static final String MARKER = "fzq";

    private final Random random;

    public HostileInputs(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    public final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    public <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A harmless made-up name holding the marker. */
    public String name() {
        return MARKER + Integer.toHexString(random.nextInt(0x100000));
    }

    // ------------------------------------------------------------------ paths

    private static final String[] SEGMENTS = {
        "..",
        ".",
        "%2e%2e",
        "%2E%2E",
        ".%2e",
        "%2e.",
        "%2e",
        "..%2f",
        "..%2F..%2F",
        "%2f",
        "%2F",
        "a%2fb",
        "%00",
        "a%00b",
        "%00..",
        "%c0%ae%c0%ae",
        "%c0%af",
        "%e0%80%ae%e0%80%ae",
        "%c1%9c",
        "%ff",
        "%fe%ff",
        "%",
        "%zz",
        "%2",
        "%%32%65",
        "%252e%252e",
        "%252f",
        "....",
        "...",
        ".%00.",
        "%u002e%u002e",
        "\\",
        "..\\..\\",
        "..%5c..%5c",
        "%5c",
        "a\\b",
        "+",
        "%2B",
        "%2b",
        "a+b",
        "%20",
        "a%20b",
        "%09",
        "%0d%0a",
        "%0aSet-Cookie:x",
        "~",
        "~root",
        "$HOME",
        ";",
        "a;b=c",
        "..;",
        "%3b",
        "%3f",
        "%23",
        "*",
        "CON",
        "nul",
        "aux.txt",
        ".git",
        ".env",
        "-",
        "",
        "%e2%80%ae",
        "%ef%bc%8e%ef%bc%8e",
        "%c3%bc",
        "%e6%97%a5",
        "%f0%9f%92%a9",
        "%ed%a0%80",
        "%f8%88%80%80%80",
        ":",
        "C:",
        "c:%5cwindows",
        "//",
        "/etc/passwd",
        "%2fetc%2fpasswd",
        "proc",
        "self",
        "%7e",
    };

    /** One hostile path segment (already in its on-the-wire form: percent escapes are not decoded here). */
    public String segment() {
        switch (random.nextInt(10)) {
            case 0:
                return "a".repeat(1 + random.nextInt(300)) + MARKER;
            case 1:
                return MARKER + "x".repeat(256 + random.nextInt(5000));
            case 2: // raw unicode / raw high bytes, as ISO-8859-1 chars on the wire
                return new String("ü日本".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) + name();
            case 3:
                return name();
            default:
                return SEGMENTS[random.nextInt(SEGMENTS.length)];
        }
    }

    /** A path of 1–8 segments, most hostile, some plain, ending in a made-up file name half of the time. */
    public String path(String prefix) {
        StringBuilder p = new StringBuilder(prefix);
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            if (p.length() == 0 || p.charAt(p.length() - 1) != '/') {
                p.append('/');
            }
            p.append(chance(60) ? segment() : name());
        }
        if (chance(50)) {
            p.append('/').append(name()).append(pick(".zip", ".ko", ".yaml", ".o", "", ".sha512", ".sha256"));
        }
        if (chance(10)) {
            p.append('/');
        }
        return p.toString();
    }

    /** {@code known} with one segment made hostile, or with hostile segments spliced in: a near miss of a real path. */
    public String mutatePath(String known) {
        String[] parts = known.split("/", -1);
        int i = 1 + random.nextInt(Math.max(1, parts.length - 1));
        StringBuilder p = new StringBuilder();
        for (int j = 0; j < parts.length; j++) {
            if (j > 0) {
                p.append('/');
            }
            if (j == i) {
                switch (random.nextInt(4)) {
                    case 0 -> p.append(segment());
                    case 1 -> p.append(segment()).append('/').append(parts[j]);
                    case 2 -> p.append(parts[j]).append(pick("%00", "%2f..", "/..", "\\", ";x", "%20", "."));
                    default -> p.append(parts[j]).append('/').append(segment());
                }
            } else {
                p.append(parts[j]);
            }
        }
        return p.toString();
    }

    /** A query string of hostile parameters (without the leading {@code ?}). */
    public String query(String... names) {
        StringBuilder q = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                q.append('&');
            }
            q.append(names.length > 0 && chance(80) ? pick(names) : segment());
            if (chance(90)) {
                q.append('=').append(pick(number(), segment(), digest(), "", "%00", "-1", "a&b"));
            }
        }
        return q.toString();
    }

    // ------------------------------------------------------------------ numbers and headers

    /** A numeric-looking string that is no good as a size, count or offset. */
    public String number() {
        return pick(
                "-1",
                "0",
                "-0",
                "99999999999999999999",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775808",
                "2147483648",
                "1e9",
                "0x10",
                " 5",
                "5 ",
                "+5",
                "5.0",
                "",
                "NaN",
                "١٢٣");
    }

    public String rangeHeader() {
        return pick(
                "bytes=0-",
                "bytes=-0",
                "bytes=5-1",
                "bytes=99999999999999999999-",
                "bytes=-99999999999999999999",
                "bytes=0-99999999999999999999",
                "bytes=9223372036854775807-",
                "bytes=0-9223372036854775807",
                "bytes=-9223372036854775807",
                "bytes=-9223372036854775808",
                "bytes=0-1,2-3",
                "bytes=0-0,-1",
                "bytes=--1",
                "bytes=1--2",
                "items=0-1",
                "bytes=",
                "bytes= 1-2",
                "bytes=1-2-3",
                "bytes=-",
                "bytes=a-b",
                "bytes=0x1-0x2",
                "bytes=1-2,",
                "bytes=" + "0-1,".repeat(500) + "0-1",
                "bytes",
                "=",
                "bytes=-1",
                "bytes=1000000-");
    }

    public String etagHeader() {
        return pick(
                "*",
                "\"\"",
                "W/\"x\"",
                "\"",
                "\"unterminated",
                "\"" + "a".repeat(4000) + "\"",
                String.join(", ", java.util.Collections.nCopies(300, "\"x\"")),
                "W/",
                "\"sha256:" + "0".repeat(64) + "\"",
                ",,,",
                "\"a\",*");
    }

    public String dateHeader() {
        return pick(
                "garbage",
                "Thu, 01 Jan 1970 00:00:00 GMT",
                "Fri, 31 Dec 9999 23:59:59 GMT",
                "Sun, 06 Nov 1994 08:49:37 GMT",
                "Sunday, 06-Nov-94 08:49:37 GMT",
                "Sun Nov  6 08:49:37 1994",
                "-1",
                "",
                "Mon, 32 Foo 2024 25:61:61 GMT",
                "99999999999999999999");
    }

    /** An {@code Authorization} value: the real one when given half of the time, else a broken or wrong one. */
    public String authorization(String valid) {
        if (valid != null && chance(50)) {
            return valid;
        }
        return pick(
                "Basic " + b64("admin:wrong"),
                "Basic " + b64("no-colon"),
                "Basic !!!",
                "Basic",
                "Basic " + b64(":"),
                "Basic " + b64("admin:" + "x".repeat(3000)),
                "Bearer forged.token.here",
                "Bearer ",
                "Bearer " + b64("{\"alg\":\"none\"}") + "." + b64("{}") + ".",
                "Digest username=\"admin\"",
                "basic " + b64("admin:"));
    }

    // ------------------------------------------------------------------ digests

    /** A malformed, unknown-algorithm or simply absent content digest in the OCI {@code alg:hex} form. */
    public String digest() {
        String hex64 = hex(32);
        return pick(
                "sha256:xyz",
                "sha512:",
                "sha256:",
                ":",
                "sha256",
                "md5:" + hex(16),
                "sha256:" + hex64.substring(1),
                "sha256:" + hex64 + "0",
                "sha256:" + hex64.toUpperCase(),
                "sha256:" + hex64 + "%00",
                "sha256+b64:" + b64("x"),
                "sha384:" + hex(48),
                "sha512:" + hex(64),
                "sha512:" + hex(32),
                "a:b:c",
                "x".repeat(300) + ":" + hex64,
                "SHA256:" + hex64,
                "sha256:../../" + MARKER,
                "sha256:" + hex64.substring(0, 60) + "%2f..",
                "sha256:%2e%2e%2f" + hex64.substring(9),
                "sha256:" + hex64,
                "sha256:" + "0".repeat(64),
                "",
                "%00",
                "blake3:" + hex64);
    }

    /** An upload digest header for the file server: name and a bad value. */
    public String[] uploadDigestHeader() {
        String name = pick("X-Checksum-Sha256", "Digest", "Content-Digest", "X-Checksum-Sha256");
        String value =
                switch (name) {
                    case "X-Checksum-Sha256" -> pick(
                            "xyz", "", hex(31), hex(33), hex(32).toUpperCase() + "g", "sha256:" + hex(32), hex(32));
                    case "Digest" -> pick(
                            "sha-256=!!!",
                            "sha-256=",
                            "SHA-256=" + b64(new byte[32]),
                            "md5=" + b64(new byte[16]),
                            "sha-512=" + b64(new byte[64]),
                            "sha-256=" + b64(new byte[31]),
                            "unknown=abc, sha-256=***");
                    default -> pick(
                            "sha-256=:abc:",
                            "sha-256=:::",
                            "unknown=:x:",
                            "sha-256=:" + b64(new byte[32]) + ":",
                            "sha-256=" + b64(new byte[32]),
                            "sha-512=:" + b64(new byte[64]) + ":",
                            "sha-256=:" + b64(new byte[40]) + ":");
                };
        return new String[] {name, value};
    }

    // ------------------------------------------------------------------ framing

    /**
     * {@code base} with lying or odd framing: a huge, negative or mismatched Content-Length, duplicate lengths,
     * Transfer-Encoding oddities, a chunked body with bad chunk sizes.
     */
    public FuzzRequest badFraming(FuzzRequest base) {
        byte[] body = base.body().length > 0 ? base.body() : "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        FuzzRequest r = base.body(body);
        switch (random.nextInt(11)) {
            case 0: // declares far more than it sends: the server must not wait for ever or allocate it up front
                return r.header("Content-Length", pick("99999999999999999", "9223372036854775807", "4294967296"))
                        .rawFraming(true)
                        .label(base.label() + " [huge Content-Length, short body]");
            case 1:
                return r.header("Content-Length", String.valueOf(body.length + 1 + random.nextInt(1000)))
                        .rawFraming(true)
                        .label(base.label() + " [Content-Length larger than body]");
            case 2:
                return r.header("Content-Length", pick("-1", "-9223372036854775808", "abc", "1e3", "0x10", "", " "))
                        .rawFraming(false)
                        .label(base.label() + " [malformed Content-Length]");
            case 3:
                return r.header("Content-Length", String.valueOf(body.length))
                        .header("Content-Length", String.valueOf(body.length + 5))
                        .rawFraming(false)
                        .label(base.label() + " [two Content-Lengths]");
            case 4:
                return r.header("Content-Length", body.length + ", " + body.length)
                        .rawFraming(false)
                        .label(base.label() + " [list Content-Length]");
            case 5:
                return r.header("Transfer-Encoding", "chunked")
                        .body(chunked(body, pick("zz", "-1", "ffffffffffffffffff", "7fffffffffffffff", "1;ext=\"")))
                        .rawFraming(false)
                        .label(base.label() + " [bad chunk size]");
            case 6:
                return r.header("Transfer-Encoding", pick("chunked, chunked", "gzip, chunked", "identity", "xchunked"))
                        .body(chunked(body, null))
                        .rawFraming(false)
                        .label(base.label() + " [odd Transfer-Encoding]");
            case 7:
                return r.header("Transfer-Encoding", "chunked")
                        .header("Content-Length", String.valueOf(body.length))
                        .body(chunked(body, null))
                        .rawFraming(false)
                        .label(base.label() + " [Transfer-Encoding and Content-Length]");
            case 8: // a chunked body that never ends
                byte[] open = chunked(body, null);
                return r.header("Transfer-Encoding", "chunked")
                        .body(java.util.Arrays.copyOf(open, open.length - 5))
                        .rawFraming(true)
                        .label(base.label() + " [unterminated chunked body]");
            case 9: // a well-formed chunked upload, no length: the length is unknown until the end
                return r.header("Transfer-Encoding", "chunked")
                        .body(chunked(body, null))
                        .rawFraming(false)
                        .label(base.label() + " [chunked, no length]");
            default: // fewer bytes declared than sent: the rest is a second, garbage request
                return r.header("Content-Length", String.valueOf(Math.max(0, body.length / 2)))
                        .rawFraming(false)
                        .label(base.label() + " [Content-Length smaller than body]");
        }
    }

    private static byte[] chunked(byte[] body, String badSize) {
        String size = badSize != null ? badSize : Integer.toHexString(body.length);
        byte[] head = (size + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + body.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        System.arraycopy(tail, 0, out, head.length + body.length, tail.length);
        return out;
    }

    // ------------------------------------------------------------------ documents

    /** A hostile JSON document: {@code valid} broken in one way, or a generic nasty document. */
    public byte[] json(String valid) {
        String v = valid == null ? "{\"a\":1}" : valid;
        String doc =
                switch (random.nextInt(16)) {
                    case 0 -> v.substring(0, random.nextInt(Math.max(1, v.length())));
                    case 1 -> "[".repeat(5000 + random.nextInt(50000)) + "]".repeat(random.nextInt(10));
                    case 2 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
                    case 3 -> v.replaceFirst(
                            ":\\s*\"[^\"]*\"", ":" + pick("1e999999", "-1", "[]", "{}", "null", "true"));
                    case 4 -> v.replaceFirst(
                            ":\\s*-?\\d+",
                            ":"
                                    + pick(
                                            "1e999999",
                                            "99999999999999999999999999",
                                            "\"12\"",
                                            "-1",
                                            "[1]",
                                            "NaN",
                                            "9223372036854775808"));
                    case 5 -> v.replaceFirst("\\{", "{\"kind\":\"a\",\"kind\":\"b\",");
                    case 6 -> pick("null", "[]", "\"\"", "0", "true", "{}", "", " ", "\"x\"", "[{}]", "[null]");
                    case 7 -> "\uFEFF" + v;
                    case 8 -> v + pick("}", "]", ",", "garbage", "{}", "\u0000");
                    case 9 -> v.replace("\"", "'");
                    case 10 -> "// comment\n" + v;
                    case 11 -> "{\"a\":\"" + "x".repeat(200_000 + random.nextInt(100_000)) + "\"}";
                    case 12 -> v.replaceFirst("\"([^\"]+)\"\\s*:", "\"$1\\u0000\":");
                    case 13 -> "{" + repeatKeys(2000 + random.nextInt(20000)) + "}";
                    case 14 -> v.replaceFirst(":\\s*\"", ":\"\\ud800");
                    default -> v.replaceFirst("\"[a-zA-Z]+\"\\s*:\\s*[^,}]+,?", "");
                };
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        if (chance(5)) { // invalid UTF-8 in the middle
            bytes = bytes.clone();
            if (bytes.length > 2) {
                bytes[random.nextInt(bytes.length)] = (byte) 0xC0;
            }
        }
        return bytes;
    }

    private static String repeatKeys(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("\"k").append(i).append("\":1,");
        }
        s.append("\"last\":1");
        return s.toString();
    }

    /** A hostile YAML document: {@code valid} broken in one way, alias bombs, unsafe tags, deep nesting. */
    public byte[] yaml(String valid) {
        String v = valid == null ? "- name: a\n" : valid;
        String doc =
                switch (random.nextInt(14)) {
                    case 0 -> billionLaughs();
                    case 1 -> v.substring(0, random.nextInt(Math.max(1, v.length())));
                    case 2 -> "- ".repeat(1) + "[".repeat(3000 + random.nextInt(20000));
                    case 3 -> "- !!java.net.URL [\"http://127.0.0.1:1/\"]\n";
                    case 4 -> "- !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n";
                    case 5 -> "- name: a\n  name: b\n  type: rulesfile\n  type: plugin\n";
                    case 6 -> "\t- name: a\n";
                    case 7 -> v + "\n---\n" + v;
                    case 8 -> "- &a {name: x, <<: *a}\n";
                    case 9 -> "- name: " + "x".repeat(100_000) + "\n";
                    case 10 -> pick("", "~", "null", "{}", "1", "\"\"", "- ", "---", "...", "[", "{");
                    case 11 -> "- name: a\n  maintainers: 12\n  keywords: {a: b}\n  type: [1]\n";
                    case 12 -> "- " + "{a: ".repeat(2000) + "b" + "}".repeat(2000) + "\n";
                    default -> new String(json(null), StandardCharsets.UTF_8);
                };
        return doc.getBytes(StandardCharsets.UTF_8);
    }

    /** The classic alias bomb: a few hundred bytes that expand to billions of nodes. */
    public static String billionLaughs() {
        StringBuilder s =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            s.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                s.append(i > 0 ? "," : "").append('*').append(prev);
            }
            s.append("]\n");
            prev = c;
        }
        return s.toString();
    }

    /**
     * A hostile OCI manifest: wrong or missing media type, no layers, layers naming absent blobs, bad digests and
     * sizes, a subject that does not exist, an index naming absent manifests, or an oversize document.
     *
     * @param presentBlob the digest of a blob that is in the repository (the config), or null
     * @param presentSize its size
     */
    public byte[] manifest(String presentBlob, long presentSize) {
        String config = presentBlob == null ? "sha256:" + hex(32) : presentBlob;
        long size = presentBlob == null ? 2 : presentSize;
        String absent = "sha256:" + hex(32);
        String mt = "application/vnd.oci.image.manifest.v1+json";
        String doc =
                switch (random.nextInt(16)) {
                    case 0 -> manifestJson(
                            pick(
                                    "application/json",
                                    "text/plain",
                                    "",
                                    "application/vnd.oci.image.index.v1+json",
                                    "application/vnd.docker.distribution.manifest.v1+json"),
                            config,
                            size,
                            layers(absent, 10));
                    case 1 -> manifestJson(mt, config, size, null);
                    case 2 -> manifestJson(mt, config, size, "[]");
                    case 3 -> manifestJson(mt, config, size, layers(absent, 1 + random.nextInt(100)));
                    case 4 -> manifestJson(mt, absent, 2, layers(config, size));
                    case 5 -> manifestJson(mt, config, size, layers(digest(), size));
                    case 6 -> manifestJson(mt, config, pick(-1L, 0L, Long.MAX_VALUE, size + 1), layers(config, size));
                    case 7 -> manifestJson(mt, config, size, layers(config, pick(-1L, Long.MAX_VALUE, 0L)));
                    case 8 -> "{\"schemaVersion\":2,\"mediaType\":\"" + mt
                            + "\",\"config\":{\"mediaType\":\"a\",\"digest\":\"" + config + "\",\"size\":" + size
                            + "},\"layers\":" + layers(config, size) + ",\"subject\":{\"mediaType\":\"" + mt
                            + "\",\"digest\":\"" + pick(absent, digest()) + "\",\"size\":1}}";
                    case 9 -> "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\""
                            + mt + "\",\"digest\":\"" + pick(absent, digest(), config) + "\",\"size\":"
                            + pick("1", "-1", "99999999999999999999")
                            + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}";
                    case 10 -> "{\"schemaVersion\":"
                            + pick("1", "3", "-1", "\"2\"", "null", "2.5", "99999999999999999999") + ",\"mediaType\":\""
                            + mt + "\",\"config\":{\"mediaType\":\"a\",\"digest\":\"" + config + "\",\"size\":" + size
                            + "},\"layers\":[]}";
                    case 11 -> "{\"schemaVersion\":2,\"mediaType\":\"" + mt + "\",\"config\":"
                            + pick("null", "[]", "\"x\"", "{}", "1") + ",\"layers\":"
                            + pick("{}", "\"x\"", "[null]", "[1]", "[[]]") + "}";
                    case 12 -> manifestJson(
                            mt,
                            config,
                            size,
                            "["
                                    + String.join(
                                            ",",
                                            java.util.Collections.nCopies(
                                                    30_000 + random.nextInt(20_000),
                                                    "{\"mediaType\":\"a\",\"digest\":\"" + config + "\",\"size\":"
                                                            + size + "}"))
                                    + "]");
                    case 13 -> manifestJson(mt, config, size, layers(config, size))
                            .replace(
                                    "\"layers\"",
                                    "\"annotations\":{\"a\":\"" + "x".repeat(random.nextInt(3) == 0 ? 4_300_000 : 1000)
                                            + "\"},\"layers\"");
                    case 14 -> new String(
                            json(manifestJson(mt, config, size, layers(config, size))), StandardCharsets.UTF_8);
                    default -> manifestJson(mt, config, size, layers(config, size))
                            .replace("\"" + mt + "\"", "\"" + mt + "\",\"mediaType\":\"x\"");
                };
        return doc.getBytes(StandardCharsets.UTF_8);
    }

    private static String manifestJson(String mediaType, String config, long size, String layers) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":" + size + "}"
                + (layers == null ? "" : ",\"layers\":" + layers) + "}";
    }

    private String layers(String digest, long size) {
        return "[{\"mediaType\":\""
                + pick(
                        "application/vnd.aquasec.trivy.db.layer.v1.tar+gzip",
                        "application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz",
                        "application/octet-stream",
                        "",
                        "x/y")
                + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}]";
    }

    private String layers(String digest, int n) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            s.append(i > 0 ? "," : "")
                    .append("{\"mediaType\":\"application/octet-stream\",\"digest\":\"")
                    .append(i == 0 ? digest : "sha256:" + hex(32))
                    .append("\",\"size\":")
                    .append(1 + i)
                    .append('}');
        }
        return s.append(']').toString();
    }

    /** Random bytes of the given size (binary garbage as a body). */
    public byte[] bytes(int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    /** A random media type, valid or not. */
    public String mediaType() {
        return pick(
                "application/json",
                "application/problem+json",
                "application/x-tar",
                "application/octet-stream",
                "application/yaml",
                "text/plain",
                "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.oci.image.index.v1+json",
                "application/vnd.docker.distribution.manifest.v2+json",
                "multipart/form-data; boundary=",
                "application/json; charset=utf-16",
                "application/json; charset=nope",
                "*/*",
                "/",
                ";;;",
                "",
                "x".repeat(2000));
    }

    public String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
