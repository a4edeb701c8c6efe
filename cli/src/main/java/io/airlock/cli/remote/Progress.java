package io.airlock.cli.remote;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long transfers on stderr: a line with bytes done, total and rate at most once a second, rewritten in
 * place on a terminal. Quiet when stderr is not a terminal unless {@code AIRLOCK_PROGRESS=always}. Also the place
 * where a test can make the process die mid-transfer ({@link #haltAfterBytes}), exactly as a kill would.
 */
public final class Progress {
    private static final PrintStream ERR = System.err;
    private static final boolean TTY = System.console() != null;
    private static final boolean ENABLED = TTY || "always".equals(System.getenv("AIRLOCK_PROGRESS"));

    /** Test hook: the process halts (no cleanup, like SIGKILL) once this many bytes were sent in total. */
    public static volatile long haltAfterBytes = -1;

    private static long sentTotal;

    private Progress() {}

    /** Counts what passes through {@code in} and reports it under {@code label}; {@code total} -1 when unknown. */
    public static InputStream track(String label, long total, InputStream in, boolean sending) {
        return new Tracking(in, label, total, sending);
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String rate(long n, long nanos) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return bytes((long) (n / seconds)) + "/s";
    }

    private static synchronized void sent(long n) {
        sentTotal += n;
        if (haltAfterBytes >= 0 && sentTotal >= haltAfterBytes) {
            ERR.println("airlock: halting after " + sentTotal + " bytes sent (test hook)");
            ERR.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    private static final class Tracking extends FilterInputStream {
        private final String label;
        private final long total;
        private final boolean sending;
        private final long start = System.nanoTime();
        private long count;
        private long lastReport = start;
        private boolean reported;

        Tracking(InputStream in, String label, long total, boolean sending) {
            super(in);
            this.label = label;
            this.total = total;
            this.sending = sending;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                if (sending) {
                    sent(n);
                }
                long now = System.nanoTime();
                if (ENABLED && now - lastReport >= 1_000_000_000L) {
                    lastReport = now;
                    report(now, false);
                }
            } else if (n < 0 && ENABLED && reported) {
                report(System.nanoTime(), true);
            }
            return n;
        }

        private void report(long now, boolean end) {
            reported = true;
            String of = total >= 0 ? " / " + bytes(total) : "";
            String pct = total > 0 ? String.format(Locale.ROOT, " %3d%%", count * 100 / total) : "";
            String line = "  " + label + "  " + bytes(count) + of + pct + "  " + rate(count, now - start);
            if (TTY) {
                ERR.print("\r" + line + "\u001b[K" + (end ? "\n" : ""));
            } else {
                ERR.println(line);
            }
            ERR.flush();
        }
    }
}
