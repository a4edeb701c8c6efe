package io.airlock.catalog.data;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.domain.Kinds;
import io.airlock.catalog.domain.PolicyBasis;
import io.airlock.catalog.domain.VersionSource;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the domain enums in their wire spelling ({@code trivy-db}), so the database reads like the API. */
final class KindConverters {
    private KindConverters() {}

    @Converter(autoApply = true)
    public static class KindConverter implements AttributeConverter<ArtifactKind, String> {
        @Override
        public String convertToDatabaseColumn(ArtifactKind kind) {
            return kind == null ? null : kind.id();
        }

        @Override
        public ArtifactKind convertToEntityAttribute(String id) {
            return id == null ? null : Kinds.of(id);
        }
    }

    @Converter(autoApply = true)
    public static class BasisConverter implements AttributeConverter<PolicyBasis, String> {
        @Override
        public String convertToDatabaseColumn(PolicyBasis basis) {
            return basis == null ? null : basis.id();
        }

        @Override
        public PolicyBasis convertToEntityAttribute(String id) {
            return id == null ? null : PolicyBasis.of(id);
        }
    }

    @Converter(autoApply = true)
    public static class SourceConverter implements AttributeConverter<VersionSource, String> {
        @Override
        public String convertToDatabaseColumn(VersionSource source) {
            return source == null ? null : source.id();
        }

        @Override
        public VersionSource convertToEntityAttribute(String id) {
            for (VersionSource s : VersionSource.values()) {
                if (s.id().equals(id)) {
                    return s;
                }
            }
            throw new IllegalStateException("unknown version source in database: " + id);
        }
    }
}
