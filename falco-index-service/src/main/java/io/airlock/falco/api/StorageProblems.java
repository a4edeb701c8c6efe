package io.airlock.falco.api;

import io.airlock.falco.FalcoError;
import io.airlock.problem.CommonError;
import io.airlock.problem.ErrorCode;
import io.airlock.problem.ProblemException;
import io.airlock.problem.ProblemTranslator;
import io.airlock.storage.BlobChangedException;
import io.airlock.storage.BlobVerificationException;
import io.airlock.storage.InvalidKeyException;
import io.airlock.storage.KeyConflictException;
import io.airlock.storage.StorageFullException;
import io.airlock.storage.StorageUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the object store's refusals mean to a client of the admin API. Nothing partial is ever stored (the store
 * publishes only verified content), so a refused write says so; an unreachable or changing store is worth a retry.
 */
@ApplicationScoped
public class StorageProblems implements ProblemTranslator {
    private static final Logger LOG = Logger.getLogger(StorageProblems.class);
    private static final Map<String, String> RETRY = Map.of("Retry-After", "5");

    @Override
    public Optional<ProblemException> translate(Throwable e) {
        if (e instanceof InvalidKeyException) {
            return problem(FalcoError.INVALID_PATH, "invalid path: " + e.getMessage() + "; nothing was stored");
        }
        if (e instanceof BlobVerificationException) {
            return problem(FalcoError.CHECKSUM_MISMATCH, e.getMessage() + "; nothing was stored");
        }
        if (e instanceof KeyConflictException) {
            return problem(CommonError.CONFLICT, e.getMessage());
        }
        if (e instanceof IOException io && StorageFullException.ifNoSpace(io) instanceof StorageFullException) {
            LOG.errorf("storage full: %s", e.getMessage());
            return problem(FalcoError.STORAGE_FULL, "storage is full; nothing was stored");
        }
        if (e instanceof StorageUnavailableException) {
            LOG.warnf("storage unavailable: %s", e.getMessage());
            return Optional.of(new ProblemException(
                    FalcoError.STORAGE_UNAVAILABLE, "object storage is unreachable, retry later", RETRY));
        }
        if (e instanceof BlobChangedException) {
            return Optional.of(
                    new ProblemException(FalcoError.FILE_BEING_REPLACED, "the file is being replaced, retry", RETRY));
        }
        return Optional.empty();
    }

    private static Optional<ProblemException> problem(ErrorCode code, String detail) {
        return Optional.of(new ProblemException(code, detail));
    }
}
