package io.airlock.oci;

import java.util.List;
import java.util.Optional;

/**
 * One page of a tags listing.
 *
 * @param name the repository
 * @param tags tags in lexical order
 * @param next when more tags follow: the {@code last} value that fetches the next page
 */
public record TagPage(String name, List<String> tags, Optional<String> next) {}
