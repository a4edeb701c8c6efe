package io.airlock.falco.api;

import io.airlock.problem.CommonError;
import io.airlock.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;

/** Reads a small document body (node lists, indexes) into memory, refusing one larger than {@code max} bytes. */
final class BoundedBody {
    private BoundedBody() {}

    static byte[] read(InputStream body, int max, String what) throws IOException {
        byte[] bytes = body.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new ProblemException(CommonError.CONTENT_TOO_LARGE, what + " larger than " + max + " bytes");
        }
        if (bytes.length == 0) {
            throw new ProblemException(CommonError.BAD_REQUEST, "empty " + what);
        }
        return bytes;
    }
}
