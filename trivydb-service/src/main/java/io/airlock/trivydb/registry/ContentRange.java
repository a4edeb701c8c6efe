package io.airlock.trivydb.registry;

import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code Content-Range} of a chunk upload: {@code <start>-<end>} (inclusive), optionally {@code bytes }-prefixed. */
final class ContentRange {
    private static final Pattern RANGE = Pattern.compile("(?:bytes[ =])?(\\d{1,18})-(\\d{1,18})(?:/(?:\\d+|\\*))?");

    private ContentRange() {}

    /** {start, end}; BLOB_UPLOAD_INVALID when malformed or backwards. */
    static long[] parse(String header) {
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches()) {
            throw new OciException(OciError.BLOB_UPLOAD_INVALID, "malformed Content-Range: " + header);
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        if (end < start) {
            throw new OciException(OciError.BLOB_UPLOAD_INVALID, "Content-Range ends before it starts: " + header);
        }
        return new long[] {start, end};
    }
}
