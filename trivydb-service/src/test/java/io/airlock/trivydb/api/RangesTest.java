package io.airlock.trivydb.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.oci.OciException;
import io.airlock.oci.rest.BlobResource;
import io.airlock.oci.rest.Lengths;
import org.junit.jupiter.api.Test;

class RangesTest {

    @Test
    void blobRangesFollowRfc9110ForOneRange() {
        assertArrayEquals(new long[] {0, 9}, BlobResource.span("bytes=0-9", 100));
        assertArrayEquals(new long[] {90, 99}, BlobResource.span("bytes=90-", 100));
        assertArrayEquals(new long[] {90, 99}, BlobResource.span("bytes=-10", 100));
        assertArrayEquals(new long[] {0, 99}, BlobResource.span("bytes=-1000", 100));
        assertArrayEquals(new long[] {50, 99}, BlobResource.span("bytes=50-1000", 100));
        for (String bad :
                new String[] {"bytes=100-", "bytes=5-4", "bytes=-0", "bytes=-", "items=0-1", "bytes=0-1,3-4"}) {
            assertEquals(
                    416,
                    assertThrows(OciException.class, () -> BlobResource.span(bad, 100))
                            .status(),
                    bad);
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
