package io.airlock.falco.api;

import io.airlock.auth.Guard;
import io.airlock.falco.FalcoError;
import io.airlock.falco.drivers.DriverPath;
import io.airlock.falco.drivers.DriverService;
import io.airlock.falco.drivers.ImportReport;
import io.airlock.problem.CommonError;
import io.airlock.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Driver ingest: one file by its loader path, or a whole driver-site tree as a tar stream. HTTP only; the rules live
 * in {@link DriverService}. Path parameters arrive decoded, so {@code 8.1.0%2Bdriver} and {@code 8.1.0+driver} name
 * the same version.
 */
@Path("/api/v1/drivers")
@Produces(MediaType.APPLICATION_JSON)
public class DriverResource {

    @Inject
    DriverService drivers;

    @Inject
    Guard guard;

    @PUT
    @Path("{driverVersion}/{arch}/{fileName}")
    @Consumes(MediaType.WILDCARD)
    public Response put(
            @PathParam("driverVersion") String driverVersion,
            @PathParam("arch") String arch,
            @PathParam("fileName") String fileName,
            @Context HttpHeaders headers,
            InputStream body)
            throws IOException {
        guard.write();
        DriverPath path = DriverPath.of(driverVersion, arch, fileName);
        OptionalLong length = Optional.ofNullable(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH))
                .map(v -> OptionalLong.of(parseLength(v)))
                .orElse(OptionalLong.empty());
        Optional<String> sha256 = Optional.ofNullable(headers.getHeaderString("X-Checksum-Sha256"))
                .map(String::strip);
        if (sha256.isPresent() && !sha256.get().matches("[0-9a-fA-F]{64}")) {
            throw new ProblemException(FalcoError.INVALID_CHECKSUM, "X-Checksum-Sha256 must be 64 hex digits");
        }
        DriverService.Stored s = drivers.upload(path, body, length, sha256);
        return Response.status(s.created() ? 201 : 200)
                .entity(DriverView.of(s.path(), s.info().size(), s.info().sha256()))
                .build();
    }

    /**
     * Bulk import of a downloaded driver tree: {@code tar -C drivers -cz . | curl --data-binary @- ...}. Answers 200
     * with what was stored and what was refused.
     */
    @POST
    @Path("import")
    @Consumes(MediaType.WILDCARD)
    public ImportReport importTree(InputStream body) throws IOException {
        guard.write();
        return drivers.importTar(body);
    }

    @GET
    public List<DriverView> list() throws IOException {
        guard.read();
        return drivers.list().stream()
                .map(h -> DriverView.of(h.path(), h.size(), null))
                .toList();
    }

    @DELETE
    @Path("{driverVersion}/{arch}/{fileName}")
    public Response delete(
            @PathParam("driverVersion") String driverVersion,
            @PathParam("arch") String arch,
            @PathParam("fileName") String fileName)
            throws IOException {
        guard.write();
        DriverPath path = DriverPath.of(driverVersion, arch, fileName);
        if (!drivers.delete(path)) {
            throw new ProblemException(FalcoError.DRIVER_NOT_FOUND, "no driver at " + path.key());
        }
        return Response.noContent().build();
    }

    private static long parseLength(String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(CommonError.BAD_REQUEST, "malformed Content-Length");
        }
    }
}
