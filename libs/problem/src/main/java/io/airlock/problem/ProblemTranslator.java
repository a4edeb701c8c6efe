package io.airlock.problem;

import java.util.Optional;

/**
 * A service's say in how failures that are not {@link ProblemException}s are answered: a bean implementing this turns
 * the exceptions of its own dependencies (an unreachable database, a full object store) into problems. Consulted in
 * no particular order for everything the mapper has no rule of its own for; the first answer wins.
 */
public interface ProblemTranslator {

    /** The problem {@code e} (or one of its causes) stands for, or empty when this translator does not know it. */
    Optional<ProblemException> translate(Throwable e);
}
