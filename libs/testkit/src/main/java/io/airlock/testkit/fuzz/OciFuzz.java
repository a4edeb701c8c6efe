package io.airlock.testkit.fuzz;

import java.util.List;

/**
 * Hostile requests for the OCI distribution API ({@code /v2}, the shared libs/oci-rest layer): bad names, digests,
 * references and manifests; uploads with lying lengths, bad {@code Content-Range}s and unknown sessions; tag lists
 * and referrers with bad parameters. Admin writes never target the seeded tag with a manifest that could be valid,
 * and never delete a seeded digest, so a seeded image that changes is a defect.
 *
 * @param repo a repository holding a seeded image
 * @param tag its tag
 * @param manifestDigest the seeded manifest's digest
 * @param blobs the seeded blobs' digests (config first)
 * @param configSize the size of the first blob
 * @param sessions paths of open upload sessions ({@code /v2/<repo>/blobs/uploads/<id>})
 * @param admin the admin's {@code Authorization} value
 */
public record OciFuzz(
        String repo,
        String tag,
        String manifestDigest,
        List<String> blobs,
        long configSize,
        List<String> sessions,
        String admin) {

    /** One hostile /v2 request. */
    public FuzzRequest request(HostileInputs in) {
        String name = in.chance(70) ? repo : hostileName(in);
        String auth = in.authorization(admin);
        switch (in.nextInt(14)) {
            case 0: { // blob reads with bad digests, or a real blob with bad ranges
                String digest = in.chance(50) ? in.pick(blobs) : in.digest();
                FuzzRequest r = FuzzRequest.of(in.pick("GET", "HEAD"), "/v2/" + name + "/blobs/" + digest);
                if (in.chance(60)) {
                    r = r.header("Range", in.rangeHeader());
                }
                return r.header("Authorization", auth).label("blob read");
            }
            case 1: { // manifest reads by bad references
                String ref =
                        in.pick(tag, manifestDigest, in.digest(), in.segment(), in.mutatePath(tag), "x".repeat(200));
                return FuzzRequest.of(in.pick("GET", "HEAD"), "/v2/" + name + "/manifests/" + ref)
                        .header(
                                "Accept",
                                in.pick(
                                        "application/vnd.oci.image.manifest.v1+json",
                                        "*/*",
                                        "",
                                        "text/html",
                                        "application/vnd.docker.distribution.manifest.v1+prettyjws",
                                        in.mediaType()))
                        .header("Authorization", auth)
                        .label("manifest read");
            }
            case 2:
            case 3: { // admin manifest pushes of hostile documents to fresh tags or to digests
                String ref = in.pick(in.name(), in.digest(), in.segment(), "latest", "a".repeat(129));
                FuzzRequest r = FuzzRequest.of("PUT", "/v2/" + name + "/manifests/" + ref)
                        .header("Authorization", admin)
                        .header(
                                "Content-Type",
                                in.pick(
                                        "application/vnd.oci.image.manifest.v1+json",
                                        "application/vnd.oci.image.index.v1+json",
                                        "application/vnd.docker.distribution.manifest.v2+json",
                                        in.mediaType()))
                        .body(in.manifest(blobs.get(0), configSize));
                return (in.chance(15) ? in.badFraming(r) : r).label("manifest push");
            }
            case 4: // pushes to the seeded tag without the credential
                return FuzzRequest.of("PUT", "/v2/" + repo + "/manifests/" + tag)
                        .header("Authorization", in.authorization(null))
                        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                        .body(in.manifest(blobs.get(0), configSize))
                        .label("manifest push without the credential");
            case 5: { // upload starts: monolithic with bad digests, mounts, odd bodies
                String q = in.pick(
                        "?digest=" + in.digest(),
                        "?mount=" + in.pick(in.digest(), in.pick(blobs)) + "&from=" + in.pick(hostileName(in), repo),
                        "?" + in.query("digest", "mount", "from"),
                        "");
                FuzzRequest r = FuzzRequest.of("POST", "/v2/" + name + "/blobs/uploads/" + q)
                        .header("Authorization", auth)
                        .header("Content-Type", in.mediaType())
                        .body(in.bytes(in.pick(0, 1, 100, 4096)));
                return (in.chance(30) ? in.badFraming(r) : r).label("upload start");
            }
            case 6:
            case 7: { // chunks with bad Content-Range, lying lengths
                FuzzRequest r = FuzzRequest.of("PATCH", in.pick(sessions))
                        .header("Authorization", in.chance(85) ? admin : auth)
                        .header("Content-Type", "application/octet-stream")
                        .body(in.bytes(in.pick(0, 1, 10, 1000)));
                if (in.chance(70)) {
                    r = r.header(
                            "Content-Range",
                            in.pick(
                                    "0-",
                                    "5-1",
                                    "-1-2",
                                    "99999999999999999999-1",
                                    "0-99999999999999999999",
                                    "a-b",
                                    "bytes 0-9/10",
                                    "",
                                    "0-0",
                                    "9223372036854775807-9223372036854775807",
                                    "1000000-1000009"));
                }
                return (in.chance(40) ? in.badFraming(r) : r).label("upload chunk");
            }
            case 8: { // completion with bad digests
                FuzzRequest r = FuzzRequest.of("PUT", in.pick(sessions) + "?digest=" + in.digest())
                        .header("Authorization", in.chance(85) ? admin : auth)
                        .body(in.bytes(in.pick(0, 5, 500)));
                return (in.chance(30) ? in.badFraming(r) : r).label("upload completion");
            }
            case 9: { // unknown or hostile upload sessions
                String id = in.pick(
                        in.segment(), "..%2f..%2f" + in.name(), in.hex(16), "00000000-0000-0000-0000-000000000000", "");
                return FuzzRequest.of(in.pick("GET", "PATCH", "PUT", "DELETE"), "/v2/" + name + "/blobs/uploads/" + id)
                        .header("Authorization", admin)
                        .body(in.bytes(in.pick(0, 10)))
                        .label("unknown upload session");
            }
            case 10: // admin deletes of hostile references (never a seeded digest)
                return FuzzRequest.of(
                                "DELETE",
                                "/v2/" + name + in.pick("/blobs/", "/manifests/")
                                        + in.pick(in.digest(), in.segment(), in.name()))
                        .header("Authorization", admin)
                        .label("delete of a hostile reference");
            case 11: // tag lists with bad paging
                return FuzzRequest.of("GET", "/v2/" + name + "/tags/list?" + in.query("n", "last"))
                        .header("Authorization", auth)
                        .label("tag list");
            case 12: // referrers with bad digests and filters
                return FuzzRequest.of(
                                "GET",
                                "/v2/" + name + "/referrers/" + in.pick(manifestDigest, in.digest())
                                        + (in.chance(50) ? "?" + in.query("artifactType") : ""))
                        .header("Authorization", auth)
                        .label("referrers");
            default: // paths around /v2 itself
                return FuzzRequest.of(
                                in.pick("GET", "HEAD", "POST", "DELETE"),
                                in.pick(
                                        "/v2/",
                                        "/v2",
                                        "/v2/" + name,
                                        "/v2/" + name + "/",
                                        "/v2/" + name + "/blobs/",
                                        "/v2/" + name + "/manifests/",
                                        "/v2/_catalog",
                                        "/v2/" + in.path("")))
                        .header("Authorization", auth)
                        .label("around /v2");
        }
    }

    /** A repository name that breaks the distribution grammar or tries to walk out of the store. */
    public static String hostileName(HostileInputs in) {
        return in.pick(
                "..",
                "%2e%2e/" + in.name(),
                "a/../../" + in.name(),
                "A/Upper",
                "a//b",
                "a/" + "b".repeat(300),
                "-" + in.name(),
                in.name() + "/%00",
                in.name() + "/%2f..%2f",
                "a" + "/b".repeat(100),
                in.segment() + "/" + in.segment(),
                in.name() + "/_",
                "a__b",
                "a.-b",
                in.name());
    }
}
