package io.airlock.testkit.fuzz;

import io.airlock.testkit.RawHttp;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Sends N generated hostile requests to a server over raw sockets and checks every answer: never a 5xx, never a hang
 * (no answer within the read timeout), never a dropped connection for a well-framed request, error bodies in the
 * endpoint's {@link ErrorFormat}. Request {@code i} is generated from its own seed derived from the run's seed and
 * {@code i}, so one request replays alone.
 *
 * <p>System properties, for replay: {@code airlock.fuzz.seed} (the run's seed), {@code airlock.fuzz.requests} (how
 * many), {@code airlock.fuzz.only} (just request number i).
 */
public final class FuzzRunner {
    private final int port;
    private final String name;
    private long seed;
    private int requests = 1000;
    private Duration timeout = Duration.ofSeconds(10);
    private Function<FuzzRequest, ErrorFormat> format = r -> ErrorFormat.ANY;
    private BiFunction<FuzzRequest, RawHttp.Response, String> extraCheck = (q, r) -> null;

    private FuzzRunner(String name, int port, long defaultSeed) {
        this.name = name;
        this.port = port;
        this.seed = Long.getLong("airlock.fuzz.seed", defaultSeed);
    }

    /** A runner against {@code 127.0.0.1:port}; {@code defaultSeed} unless {@code -Dairlock.fuzz.seed} is set. */
    public static FuzzRunner against(String name, int port, long defaultSeed) {
        return new FuzzRunner(name, port, defaultSeed);
    }

    public long seed() {
        return seed;
    }

    /** How many requests (unless {@code -Dairlock.fuzz.requests} says otherwise). */
    public FuzzRunner requests(int n) {
        this.requests = Integer.getInteger("airlock.fuzz.requests", n);
        return this;
    }

    /** Longest wait for any read of an answer; longer is a hang. */
    public FuzzRunner timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    /** Which error format each request's answer must have. */
    public FuzzRunner format(Function<FuzzRequest, ErrorFormat> f) {
        this.format = f;
        return this;
    }

    /** A further check of each answer: what is wrong, or null. */
    public FuzzRunner check(BiFunction<FuzzRequest, RawHttp.Response, String> c) {
        this.extraCheck = c;
        return this;
    }

    /** The seed of request {@code i} of a run with {@code seed}. */
    public static long requestSeed(long seed, int i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Sends the requests {@code generator} makes (one call per request, each with its own seeded inputs). */
    public FuzzReport run(Function<HostileInputs, FuzzRequest> generator) {
        Integer only = Integer.getInteger("airlock.fuzz.only");
        long start = System.nanoTime();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> slowest = new ArrayList<>();
        int sent = 0;
        int dropped = 0;
        for (int i = 0; i < requests; i++) {
            if (only != null && only != i) {
                continue;
            }
            FuzzRequest request = generator.apply(new HostileInputs(requestSeed(seed, i)));
            sent++;
            String failure;
            RawHttp.Response response = null;
            long t0 = System.nanoTime();
            try {
                response = RawHttp.exchange(port, request.toBytes(), (int) timeout.toMillis(), request.truncated());
                failure = judge(request, response);
            } catch (SocketTimeoutException e) {
                failure = "HANG: no answer within " + timeout.toSeconds() + " s";
            } catch (IOException | RuntimeException e) {
                failure = "unreadable answer: " + e;
            }
            if (response == null && failure == null) {
                dropped++;
            }
            if (response != null) {
                statuses.merge(response.status(), 1, Integer::sum);
            }
            long took = (System.nanoTime() - t0) / 1_000_000;
            slowest.add(took + " ms #" + i + " " + request.label());
            slowest.sort(
                    java.util.Comparator.comparingLong((String x) -> Long.parseLong(x.substring(0, x.indexOf(' '))))
                            .reversed());
            if (slowest.size() > 3) {
                slowest.remove(3);
            }
            if (failure != null) {
                String kind = failure.length() > 90 ? failure.substring(0, 90) : failure;
                kinds.merge(kind + " <- " + request.label(), 1, Integer::sum);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                failures.add("#" + i + " (" + ms + " ms) " + failure + "\n  what: " + request.label()
                        + "\n  request:\n    " + request.describe().replace("\n", "\n    ")
                        + (response == null ? "" : "\n  answer: " + describe(response))
                        + "\n  replay: -Dairlock.fuzz.seed=" + seed + " -Dairlock.fuzz.only=" + i);
            }
        }
        return new FuzzReport(
                name,
                seed,
                sent,
                Duration.ofNanos(System.nanoTime() - start),
                statuses,
                dropped,
                failures,
                kinds,
                slowest);
    }

    private String judge(FuzzRequest request, RawHttp.Response response) {
        if (response == null) {
            return request.truncated() || request.httpLevel()
                    ? null
                    : "connection closed without an answer to a well-framed request";
        }
        if (response.status() >= 500) {
            return "server error " + response.status();
        }
        String bad = format.apply(request).violation(request, response);
        if (bad != null) {
            return "wrong error format (" + response.status() + "): " + bad;
        }
        return extraCheck.apply(request, response);
    }

    private static String describe(RawHttp.Response r) {
        String type = r.header("Content-Type");
        return r.status() + " " + (type == null ? "(no Content-Type)" : type) + " "
                + ErrorFormat.clip(r.bodyText().replace("\n", "\\n"));
    }

    /** What a run sent and found. */
    public record FuzzReport(
            String name,
            long seed,
            int requests,
            Duration elapsed,
            Map<Integer, Integer> statuses,
            int dropped,
            List<String> failures,
            Map<String, Integer> kinds,
            List<String> slowest) {

        public String summary() {
            return "fuzz " + name + ": " + requests + " requests in " + elapsed.toMillis() + " ms, seed " + seed
                    + ", statuses " + statuses + ", dropped " + dropped + ", failures " + failures.size() + ", slowest "
                    + slowest;
        }

        /** Throws an AssertionError listing (up to 25 of) the failures, with the seed to replay them. */
        public void assertClean() {
            if (failures.isEmpty()) {
                return;
            }
            StringBuilder s = new StringBuilder(summary())
                    .append("\nreplay the run with -Dairlock.fuzz.seed=")
                    .append(seed)
                    .append('\n');
            kinds.forEach(
                    (k, n) -> s.append("  ").append(n).append(" x ").append(k).append('\n'));
            // one example of each kind of failure, then the rest up to 25
            java.util.Set<String> shown = new java.util.HashSet<>();
            List<String> examples = new ArrayList<>();
            for (String f : failures) {
                String kind = f.substring(f.indexOf(')') + 2, Math.min(f.length(), f.indexOf(')') + 2 + 90))
                        + f.substring(f.indexOf("\n  what: "), f.indexOf('\n', f.indexOf("\n  what: ") + 1));
                if (shown.add(kind)) {
                    examples.add(f);
                }
            }
            for (String f : failures) {
                if (examples.size() >= Math.max(25, shown.size())) {
                    break;
                }
                if (!examples.contains(f)) {
                    examples.add(f);
                }
            }
            examples.forEach(f -> s.append('\n').append(f).append('\n'));
            if (failures.size() > examples.size()) {
                s.append("\n... and ").append(failures.size() - examples.size()).append(" more");
            }
            throw new AssertionError(s.toString());
        }
    }
}
