package io.airlock.falco.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One entry of a falcoctl index ({@code index.yaml} is a YAML list of these). All keys falcoctl reads are always
 * written; {@code signature} only when the operator configured a key.
 */
@JsonPropertyOrder({
    "name",
    "type",
    "registry",
    "repository",
    "description",
    "home",
    "keywords",
    "license",
    "maintainers",
    "sources",
    "signature"
})
public record IndexEntry(
        String name,
        String type,
        String registry,
        String repository,
        String description,
        String home,
        List<String> keywords,
        String license,
        List<Maintainer> maintainers,
        List<String> sources,
        @JsonInclude(JsonInclude.Include.NON_NULL) Signature signature) {

    /** The artifact types falcoctl knows. */
    public static final List<String> TYPES = List.of("rulesfile", "plugin", "asset");

    @JsonPropertyOrder({"email", "name"})
    public record Maintainer(String email, String name) {}

    /**
     * {@code signature: {cosign: {...}}}. falcoctl's index carries only keyless cosign constraints (the signer's
     * certificate identity and OIDC issuer), so an operator who signs inside the air gap (a private Sigstore) names
     * that signer here; upstream's constraints (GitHub's issuer) cannot be verified offline and are never copied.
     */
    public record Signature(Cosign cosign) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "certificate-oidc-issuer",
        "certificate-oidc-issuer-regexp",
        "certificate-identity",
        "certificate-identity-regexp",
        "certificate-github-workflow"
    })
    public record Cosign(
            @JsonProperty("certificate-oidc-issuer") String certificateOidcIssuer,
            @JsonProperty("certificate-oidc-issuer-regexp") String certificateOidcIssuerRegexp,
            @JsonProperty("certificate-identity") String certificateIdentity,
            @JsonProperty("certificate-identity-regexp") String certificateIdentityRegexp,
            @JsonProperty("certificate-github-workflow") String certificateGithubWorkflow) {}

    /** The same artifact as seen from this installation: its registry, no upstream signature. */
    public IndexEntry hostedAt(String registryHost, String hostedRepository, Signature operatorSignature) {
        return new IndexEntry(
                name,
                type,
                registryHost,
                hostedRepository,
                description,
                home,
                keywords,
                license,
                maintainers,
                sources,
                operatorSignature);
    }
}
