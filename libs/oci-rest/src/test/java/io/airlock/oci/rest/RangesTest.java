package io.airlock.oci.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.storage.ByteRanges;
import org.junit.jupiter.api.Test;

class RangesTest {

    /** {first, last} of the span a blob GET serves. */
    private static long[] span(String header, long size) {
        ByteRanges.Span span = Ranges.blob(header, size).orElseThrow();
        return new long[] {span.offset(), span.last()};
    }

    @Test
    void blobRangesFollowRfc9110ForOneRange() {
        assertArrayEquals(new long[] {0, 9}, span("bytes=0-9", 100));
        assertArrayEquals(new long[] {90, 99}, span("bytes=90-", 100));
        assertArrayEquals(new long[] {90, 99}, span("bytes=-10", 100));
        assertArrayEquals(new long[] {0, 99}, span("bytes=-1000", 100));
        assertArrayEquals(new long[] {50, 99}, span("bytes=50-1000", 100));
        for (String bad :
                new String[] {"bytes=100-", "bytes=5-4", "bytes=-0", "bytes=-", "items=0-1", "bytes=0-1,3-4"}) {
            assertEquals(
                    416,
                    assertThrows(OciException.class, () -> Ranges.blob(bad, 100))
                            .status(),
                    bad);
        }
    }

    @Test
    void noRangeHeaderMeansTheWholeBlob() {
        assertTrue(Ranges.blob(null, 100).isEmpty());
        assertTrue(Ranges.blob(" ", 100).isEmpty());
    }

    /**
     * The two registries once read an upload chunk's Content-Range differently (one with a checked pattern, one with
     * substrings that let a backwards range or a signed number through): now both use this one reading.
     */
    @Test
    void chunkRangesAreCheckedNumbersInOrder() {
        assertEquals(new ByteRanges.Span(0, 10), Ranges.chunk("0-9").orElseThrow());
        assertEquals(new ByteRanges.Span(10, 5), Ranges.chunk("bytes 10-14/*").orElseThrow());
        assertTrue(Ranges.chunk(null).isEmpty());
        assertTrue(Ranges.chunk("").isEmpty());
        for (String bad : new String[] {"10-5", "+0-+3", "0-", "-5", "bytes 0-9/x", "ten-eleven"}) {
            OciException e = assertThrows(OciException.class, () -> Ranges.chunk(bad), bad);
            assertEquals(OciError.BLOB_UPLOAD_INVALID, e.error(), bad);
            assertEquals(400, e.status(), bad);
        }
    }

    @Test
    void contentLengthsAreNumbers() {
        assertEquals(-1, Lengths.parse(null));
        assertEquals(12, Lengths.parse(" 12 "));
        assertThrows(OciException.class, () -> Lengths.parse("-1"));
        assertThrows(OciException.class, () -> Lengths.parse("ten"));
    }
}
