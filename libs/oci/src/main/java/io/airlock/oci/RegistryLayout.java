package io.airlock.oci;

/**
 * The one place that builds storage keys for the registry core. The key tree, inside the service's storage namespace:
 *
 * <pre>
 * blobs/&lt;alg&gt;/&lt;hex&gt;                                     the bytes of a blob or manifest; shared by every repository
 * repositories/&lt;name&gt;/_layers/&lt;alg&gt;/&lt;hex&gt;                 link: the repository may serve this blob (content: the digest)
 * repositories/&lt;name&gt;/_manifests/revisions/&lt;alg&gt;/&lt;hex&gt;     link: a manifest of the repository (content: {@link ManifestLink} JSON)
 * repositories/&lt;name&gt;/_manifests/tags/&lt;tag&gt;               the digest the tag points at
 * repositories/&lt;name&gt;/_referrers/&lt;alg&gt;/&lt;hex&gt;/&lt;alg&gt;-&lt;hex&gt;  a manifest whose subject is &lt;alg&gt;:&lt;hex&gt; (content: its descriptor)
 * uploads/&lt;id&gt;/_session                                  an upload session (content: {@link UploadSession} JSON)
 * uploads/&lt;id&gt;/&lt;offset, 19 digits&gt;                       one received chunk, starting at that offset
 * </pre>
 *
 * <p>Repository name components never start with {@code _}, so {@code _layers}, {@code _manifests} and
 * {@code _referrers} can never clash with a nested repository ({@code a} and {@code a/b} coexist). Uploads live
 * outside repositories so that garbage collection finds abandoned ones with one listing, and any replica can continue
 * an upload: nothing about it is held in memory.
 */
public final class RegistryLayout {
    public static final String BLOBS = "blobs/";
    public static final String REPOSITORIES = "repositories/";
    public static final String UPLOADS = "uploads/";
    static final String LAYERS = "/_layers/";
    static final String REVISIONS = "/_manifests/revisions/";
    static final String TAGS = "/_manifests/tags/";
    static final String REFERRERS = "/_referrers/";
    static final String SESSION = "_session";

    private RegistryLayout() {}

    public static String blob(Digest d) {
        return BLOBS + d.algorithm() + "/" + d.hex();
    }

    public static String repository(RepositoryName repo) {
        return REPOSITORIES + repo.value() + "/";
    }

    public static String layerLink(RepositoryName repo, Digest d) {
        return REPOSITORIES + repo.value() + LAYERS + d.algorithm() + "/" + d.hex();
    }

    public static String revisionLink(RepositoryName repo, Digest d) {
        return REPOSITORIES + repo.value() + REVISIONS + d.algorithm() + "/" + d.hex();
    }

    public static String revisionsDir(RepositoryName repo) {
        return REPOSITORIES + repo.value() + REVISIONS;
    }

    public static String tag(RepositoryName repo, Tag tag) {
        return REPOSITORIES + repo.value() + TAGS + tag.value();
    }

    public static String tagsDir(RepositoryName repo) {
        return REPOSITORIES + repo.value() + TAGS;
    }

    public static String referrersDir(RepositoryName repo, Digest subject) {
        return REPOSITORIES + repo.value() + REFERRERS + subject.algorithm() + "/" + subject.hex() + "/";
    }

    public static String referrer(RepositoryName repo, Digest subject, Digest referrer) {
        return referrersDir(repo, subject) + referrer.algorithm() + "-" + referrer.hex();
    }

    public static String uploadDir(String id) {
        return UPLOADS + id + "/";
    }

    public static String uploadSession(String id) {
        return UPLOADS + id + "/" + SESSION;
    }

    public static String uploadChunk(String id, long offset) {
        return UPLOADS + id + "/" + String.format("%019d", offset);
    }

    /** The digest a blob key names ({@code blobs/sha256/<hex>}), or null for any other key. */
    static Digest digestOfBlobKey(String key) {
        if (!key.startsWith(BLOBS)) {
            return null;
        }
        String rest = key.substring(BLOBS.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || rest.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        try {
            return new Digest(rest.substring(0, slash), rest.substring(slash + 1));
        } catch (OciException e) {
            return null;
        }
    }

    /** For a key under a {@code <alg>/<hex>} directory (layer and revision links), the digest it names, or null. */
    static Digest digestOfLinkKey(String key, String marker) {
        int at = key.lastIndexOf(marker);
        if (at < 0) {
            return null;
        }
        String rest = key.substring(at + marker.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return null;
        }
        try {
            return new Digest(rest.substring(0, slash), rest.substring(slash + 1));
        } catch (OciException e) {
            return null;
        }
    }
}
