package io.airlock.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangesTest {

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
    void oneRangeIsASpan(String header, long offset, long length) {
        assertEquals(new ByteRanges.Span(offset, length), ByteRanges.range(header, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=5000-6000", "bytes=-0"})
    void pastTheEndIsUnsatisfiable(String header) {
        assertInstanceOf(ByteRanges.Unsatisfiable.class, ByteRanges.range(header, 1000));
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
                "bytes=+1-2",
                "bytes=99999999999999999999-"
            })
    void anythingElseIsInvalid(String header) {
        assertInstanceOf(ByteRanges.Invalid.class, ByteRanges.range(header, 1000));
    }

    @Test
    void noHeaderIsAbsentAndAnEmptyBodyHasNoSpan() {
        assertInstanceOf(ByteRanges.Absent.class, ByteRanges.range(null, 10));
        assertInstanceOf(ByteRanges.Absent.class, ByteRanges.range("  ", 10));
        assertInstanceOf(ByteRanges.Unsatisfiable.class, ByteRanges.range("bytes=0-", 0));
        assertInstanceOf(ByteRanges.Unsatisfiable.class, ByteRanges.range("bytes=-1", 0));
    }

    @Test
    void aSpanNamesInclusiveEnds() {
        ByteRanges.Span span = new ByteRanges.Span(10, 10);
        assertEquals(19, span.last());
        assertEquals("bytes 10-19/1000", span.contentRange(1000));
    }

    @ParameterizedTest
    @CsvSource({"0-9, 0, 10", "bytes 5-5, 5, 1", "bytes=100-199, 100, 100", "0-9/10, 0, 10", "' 3-4/* ', 3, 2"})
    void chunkRangesAreInclusive(String header, long offset, long length) {
        assertEquals(Optional.of(new ByteRanges.Span(offset, length)), ByteRanges.chunk(header));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "5", "5-", "-5", "10-5", "+0-+3", "0-9/x", "bytes 0 - 9", "a-b", "0-99999999999999999999"})
    void malformedOrBackwardChunkRangesAreRefused(String header) {
        assertTrue(ByteRanges.chunk(header).isEmpty(), header);
    }
}
