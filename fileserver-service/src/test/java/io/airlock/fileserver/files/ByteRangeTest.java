package io.airlock.fileserver.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest
    @CsvSource({
        "bytes=0-0, 0, 1",
        "bytes=0-99, 0, 100",
        "bytes=10-, 10, 990",
        "bytes=-1, 999, 1",
        "bytes=-5000, 0, 1000",
        "bytes=990-5000, 990, 10",
        "BYTES= 5 - 9 , 5, 5"
    })
    void singleRangesBecomeParts(String header, long offset, long length) {
        ByteRange.Parsed p = ByteRange.parse(Optional.of(header), 1000);
        assertEquals(new ByteRange.Part(new ByteRange(offset, length)), p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=5000-6000", "bytes=-0"})
    void rangesPastTheEndAreUnsatisfiable(String header) {
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse(Optional.of(header), 1000));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bytes=0-1,3-4",
                "items=0-1",
                "bytes=abc",
                "bytes=5-1",
                "bytes=",
                "bytes=-",
                "bytes=99999999999999999999-"
            })
    void anythingElseMeansTheWholeFile(String header) {
        assertInstanceOf(ByteRange.Whole.class, ByteRange.parse(Optional.of(header), 1000));
    }

    @Test
    void anEmptyFileHasNoSatisfiableRange() {
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse(Optional.of("bytes=0-"), 0));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse(Optional.of("bytes=-1"), 0));
        assertInstanceOf(ByteRange.Whole.class, ByteRange.parse(Optional.empty(), 0));
    }

    @Test
    void contentRangeNamesInclusiveEnds() {
        assertEquals("bytes 10-19/1000", new ByteRange(10, 10).contentRange(1000));
    }
}
