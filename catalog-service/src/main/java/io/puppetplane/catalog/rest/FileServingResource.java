package io.puppetplane.catalog.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.puppetplane.catalog.service.CatalogService;
import io.puppetplane.catalog.service.CodeSnapshots;
import io.puppetplane.catalog.service.EnvironmentSnapshot;
import io.puppetplane.catalog.service.FileChecksums;
import io.puppetplane.catalog.service.FileMounts;
import io.puppetplane.catalog.service.PuppetApiException;
import io.puppetplane.catalog.trust.AgentAuthenticator;
import io.vertx.core.http.HttpServerRequest;
import io.puppetplane.trust.rest.RequiresClientCertificate;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The file server for the mounts derived from code: {@code modules}, {@code plugins} (pluginsync of custom facts
 * and types) and {@code pluginfacts}, plus static catalogs' content by code_id. Metadata and content of one request
 * come from one immutable code version, so the agent's checksum check holds.
 */
@RequiresClientCertificate
@Path("/puppet/v3")
public class FileServingResource {

    private static final String MOUNT_AND_PATH = "{mount: [^/]+}{path: (/.*)?}";

    @Inject
    AgentAuthenticator authenticator;

    @Inject
    CatalogService catalogs;

    @Inject
    CodeSnapshots code;

    @Inject
    FileMounts mounts;

    @GET
    @Path("file_metadata/" + MOUNT_AND_PATH)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> metadata(@PathParam("mount") String mount, @PathParam("path") String path,
                                        @QueryParam("environment") String environment,
                                        @QueryParam("links") @DefaultValue("manage") String links,
                                        @QueryParam("checksum_type") @DefaultValue("sha256") String checksumType,
                                        @Context HttpServerRequest http) throws IOException {
        String relative = relative(path);
        EnvironmentSnapshot snapshot = prepare(http, "file_metadata", mount, relative, environment);
        return mounts.metadata(snapshot, mount, relative, query(links, checksumType, false, null, List.of(), 0))
            .orElseThrow(() -> PuppetApiException.notFound("Could not find file_metadata " + mount + path));
    }

    @GET
    @Path("file_metadatas/" + MOUNT_AND_PATH)
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> metadatas(@PathParam("mount") String mount, @PathParam("path") String path,
                                               @QueryParam("environment") String environment,
                                               @QueryParam("recurse") @DefaultValue("false") String recurse,
                                               @QueryParam("recurselimit") String recurseLimit,
                                               @QueryParam("ignore") List<String> ignore,
                                               @QueryParam("max_files") @DefaultValue("0") int maxFiles,
                                               @QueryParam("links") @DefaultValue("manage") String links,
                                               @QueryParam("checksum_type") @DefaultValue("sha256") String checksumType,
                                               @Context HttpServerRequest http) throws IOException {
        String relative = relative(path);
        EnvironmentSnapshot snapshot = prepare(http, "file_metadatas", mount, relative, environment);
        return mounts.metadatas(snapshot, mount, relative,
            query(links, checksumType, !"false".equals(recurse), recurseLimit, ignore, maxFiles));
    }

    /** No @Produces: the bytes are octet-stream, and an error still leaves as JSON to an octet-stream Accept. */
    @GET
    @Path("file_content/" + MOUNT_AND_PATH)
    public Response content(@PathParam("mount") String mount, @PathParam("path") String path,
                            @QueryParam("environment") String environment, @Context HttpServerRequest http) {
        String relative = relative(path);
        EnvironmentSnapshot snapshot = prepare(http, "file_content", mount, relative, environment);
        java.nio.file.Path file = mounts.find(snapshot, mount, relative).filter(Files::isRegularFile)
            .orElseThrow(() -> PuppetApiException.notFound("Could not find file_content " + mount + path));
        return Response.ok(file.toFile(), MediaType.APPLICATION_OCTET_STREAM).build();
    }

    /**
     * Content of a file a static catalog inlined, by its path relative to the environment and the code_id the
     * catalog carried. Only module files are served: never manifests or Hiera data.
     */
    @GET
    @Path("static_file_content/{path: .+}")
    public Response staticContent(@PathParam("path") String path, @QueryParam("environment") String environment,
                                  @QueryParam("code_id") String codeId, @Context HttpServerRequest http) {
        authenticator.authenticate(http, "/puppet/v3/static_file_content/" + path);
        if (environment == null || codeId == null) {
            throw PuppetApiException.badRequest("static_file_content needs the environment and code_id parameters");
        }
        FileMounts.validate("static", path);
        EnvironmentSnapshot snapshot = code.byCodeId(environment, codeId)
            .orElseThrow(() -> PuppetApiException.notFound("Could not find code_id " + codeId + " of environment "
                + environment));
        java.nio.file.Path file = snapshot.dir().resolve(path).normalize();
        boolean moduleFile = snapshot.modulePath().stream().anyMatch(dir -> file.startsWith(dir)
            && dir.relativize(file).getNameCount() > 2 && dir.relativize(file).getName(1).toString().equals("files"));
        if (!moduleFile || !Files.isRegularFile(file)) {
            throw PuppetApiException.notFound("Could not find static_file_content " + path);
        }
        return Response.ok(file.toFile(), MediaType.APPLICATION_OCTET_STREAM).build();
    }

    private EnvironmentSnapshot prepare(HttpServerRequest http, String endpoint, String mount, String path,
                                        String environment) {
        authenticator.authenticate(http, "/puppet/v3/" + endpoint + "/" + mount + "/" + path);
        if (environment == null || environment.isEmpty()) {
            throw PuppetApiException.badRequest("An environment parameter must be specified");
        }
        FileMounts.validate(mount, path);
        EnvironmentSnapshot snapshot = catalogs.snapshot(environment);
        if (!FileMounts.isCodeMount(mount)) {
            throw PuppetApiException.notFound("Could not find " + endpoint + " " + mount + "/" + path
                + ": mount " + mount + " is not served here");
        }
        return snapshot;
    }

    private static String relative(String path) {
        return path == null || path.isEmpty() ? "" : path.substring(1).replaceAll("/+$", "");
    }

    private static FileMounts.Query query(String links, String checksumType, boolean recurse, String recurseLimit,
                                          List<String> ignore, int maxFiles) {
        if (!links.equals("manage") && !links.equals("follow")) {
            throw PuppetApiException.badRequest("links must be manage or follow, not '" + links + "'");
        }
        String type = FileChecksums.supported(checksumType)
            .orElseThrow(() -> PuppetApiException.badRequest("Unsupported checksum type '" + checksumType + "'"));
        int limit;
        try {
            limit = recurseLimit == null || recurseLimit.isEmpty() || recurseLimit.equals("inf") ? 0
                : Integer.parseInt(recurseLimit);
        } catch (NumberFormatException e) {
            throw PuppetApiException.badRequest("recurselimit must be a number, not '" + recurseLimit + "'");
        }
        return new FileMounts.Query(links, type, recurse, limit, ignore == null ? List.of() : ignore, maxFiles);
    }
}
