package io.airlock.catalog.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.catalog.client.ArtifactKind;
import org.junit.jupiter.api.Test;

class ReconcilerKindTest {
    @Test
    void guessesKindsFromTheFileServerLayout() {
        assertEquals(ArtifactKind.OPENSEARCH_PLUGIN, Reconciler.kindOf("repository-s3-2.8.0.zip"));
        assertEquals(ArtifactKind.FALCO_INDEX, Reconciler.kindOf("falcoctl/index.yaml"));
        assertEquals(
                ArtifactKind.FALCO_DRIVER,
                Reconciler.kindOf("driver/8.1.0+driver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko"));
        assertEquals(
                ArtifactKind.FALCO_DRIVER, Reconciler.kindOf("8.1.0+driver/aarch64/falco_debian_6.1.0-13-arm64_1.o"));
        assertEquals(ArtifactKind.FILE, Reconciler.kindOf("docs/readme.txt"));
        assertEquals(ArtifactKind.FILE, Reconciler.kindOf("nested/repository-s3-2.8.0.zip"));
    }
}
