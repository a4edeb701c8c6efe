package io.airlock.storage;

import java.time.Instant;

/** One line of a {@link BlobStore#list} result. */
public sealed interface Entry {

    /** Full key (a file) or full prefix ending in {@code /} (a directory). */
    String key();

    /** A published file. */
    record File(String key, long size, Instant lastModified) implements Entry {}

    /** A sub-directory: at least one key starts with this prefix. */
    record Directory(String key) implements Entry {}
}
