package io.airlock.trivydb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.storage.StorageFullException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A full disk under the registry is a 507 with a plain reason, never a 500 (.ci/checks/faults.sh fills a real one). */
class StorageFullMapperTest {
    @Test
    void aFullStoreIsInsufficientStorage() {
        IOException enospc = new IOException("No space left on device");
        Response r = new StorageFullMapper().toResponse((StorageFullException) StorageFullException.ifNoSpace(enospc));
        assertEquals(507, r.getStatus());
        assertTrue(String.valueOf(r.getEntity()).contains("nothing was stored"));
    }
}
