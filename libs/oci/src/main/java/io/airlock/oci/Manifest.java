package io.airlock.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed manifest document: an image manifest or an index. Read with {@link Manifests#parse}. */
public sealed interface Manifest permits Manifest.Image, Manifest.Index {

    /** The document's media type (from its {@code mediaType} field or the Content-Type it was pushed with). */
    String mediaType();

    /** The manifest this one refers to (referrers API), if any. */
    Descriptor subject();

    Map<String, String> annotations();

    /** The artifact type a referrers listing shows for this manifest. */
    Optional<String> effectiveArtifactType();

    /** Everything this manifest needs the registry to hold before it may be pushed. */
    List<Descriptor> references();

    /** An image manifest (OCI or Docker schema 2): a config and layers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Image(
            int schemaVersion,
            String mediaType,
            String artifactType,
            Descriptor config,
            List<Descriptor> layers,
            Descriptor subject,
            Map<String, String> annotations)
            implements Manifest {
        public Image {
            layers = layers == null ? List.of() : List.copyOf(layers);
            annotations = annotations == null ? null : Map.copyOf(annotations);
        }

        @Override
        public Optional<String> effectiveArtifactType() {
            if (artifactType != null) {
                return Optional.of(artifactType);
            }
            return Optional.ofNullable(config).map(Descriptor::mediaType);
        }

        @Override
        public List<Descriptor> references() {
            var all = new java.util.ArrayList<Descriptor>(layers.size() + 1);
            if (config != null) {
                all.add(config);
            }
            all.addAll(layers);
            return List.copyOf(all);
        }
    }

    /** An image index (OCI index or Docker manifest list): other manifests. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Index(
            int schemaVersion,
            String mediaType,
            String artifactType,
            List<Descriptor> manifests,
            Descriptor subject,
            Map<String, String> annotations)
            implements Manifest {
        public Index {
            manifests = manifests == null ? List.of() : List.copyOf(manifests);
            annotations = annotations == null ? null : Map.copyOf(annotations);
        }

        @Override
        public Optional<String> effectiveArtifactType() {
            return Optional.ofNullable(artifactType);
        }

        @Override
        public List<Descriptor> references() {
            return manifests;
        }
    }
}
