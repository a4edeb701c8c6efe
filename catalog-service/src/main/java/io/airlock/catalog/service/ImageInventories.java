package io.airlock.catalog.service;

import io.airlock.catalog.domain.CatalogError;
import io.airlock.catalog.domain.CatalogException;
import io.airlock.images.inventory.ImageInventory;
import io.airlock.images.inventory.InputKind;
import io.airlock.images.inventory.InventoryReport;
import io.airlock.images.inventory.UnreadableInputException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** The inventory of one posted input, the same reading as {@code airlock images inventory}. */
@ApplicationScoped
public class ImageInventories {

    public InventoryReport inventory(String kind, String contentType, InputStream body) {
        InputKind k = kindOf(kind, contentType);
        try {
            return InventoryReport.of(new ImageInventory().read(k, "body", body).result());
        } catch (UnreadableInputException e) {
            throw new CatalogException(CatalogError.INVALID_INVENTORY, e.getMessage());
        } catch (IOException e) {
            throw new CatalogException(CatalogError.INVALID_INVENTORY, "the body could not be read: " + e.getMessage());
        }
    }

    /** {@code kind} when given, else the content type's; neither is a 400 that says how to choose. */
    static InputKind kindOf(String kind, String contentType) {
        if (kind != null && !kind.isBlank()) {
            return InputKind.find(kind)
                    .orElseThrow(() -> new CatalogException(
                            CatalogError.INVALID_INVENTORY,
                            "unknown kind '" + (kind.length() > 32 ? kind.substring(0, 32) + "..." : kind)
                                    + "'; known kinds: " + InputKind.known()));
        }
        String type =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/plain" -> InputKind.LIST;
            case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml" -> InputKind.HELM;
            case "application/json" -> InputKind.PODS;
            default -> throw new CatalogException(
                    CatalogError.INVALID_INVENTORY,
                    "say what the body is: ?kind=list|helm|pods, or Content-Type text/plain (an image list),"
                            + " application/yaml (helm template output) or application/json (kubectl get pods -A -o"
                            + " json); got " + (type.isEmpty() ? "no Content-Type" : "Content-Type " + type));
        };
    }
}
