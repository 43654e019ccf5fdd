package io.puppetplane.fileserve.rest;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import io.puppetplane.fileserve.messaging.FileAccessDeniedPublisher;
import io.puppetplane.fileserve.service.FileMetadata;
import io.puppetplane.fileserve.service.FileServeException;
import io.puppetplane.fileserve.service.MetadataOptions;
import io.puppetplane.fileserve.service.MountFileService;
import io.puppetplane.trust.ClientIdentity;
import io.puppetplane.trust.rest.ClientCertificates;
import io.puppetplane.trust.rest.RequiresClientCertificate;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * Puppet's file API for fileserver.conf mounts: {@code /puppet/v3/{file_metadata,file_metadatas,file_content}/
 * <mount>/<path>?environment=E}. Only callers with a valid, unrevoked certificate of our CA get here; the mount's
 * rules decide the rest. Mounts do not depend on the environment, as in Puppet.
 */
@jakarta.ws.rs.Path("/puppet/v3")
@RequiresClientCertificate
@Blocking
public class FileServingResource {

    private final MountFileService files;
    private final ClientAddresses addresses;
    private final FileAccessDeniedPublisher denials;

    FileServingResource(MountFileService files, ClientAddresses addresses, FileAccessDeniedPublisher denials) {
        this.files = files;
        this.addresses = addresses;
        this.denials = denials;
    }

    @GET
    @jakarta.ws.rs.Path("/file_metadata/{mount: [-\\w]+}{path: (/.*)?}")
    @Produces(MediaType.APPLICATION_JSON)
    public FileMetadata metadata(@RestPath String mount, @RestPath String path, @QueryParam("links") String links,
            @QueryParam("checksum_type") String checksumType,
            @QueryParam("source_permissions") String sourcePermissions, @Context ContainerRequestContext context,
            @Context HttpServerRequest request) {
        MetadataOptions options = MetadataOptions.of(links, checksumType, sourcePermissions, null, null, null, null);
        return guarded(context, request, mount, path,
                (caller, address) -> files.metadata(mount, path, caller, address, options));
    }

    @GET
    @jakarta.ws.rs.Path("/file_metadatas/{mount: [-\\w]+}{path: (/.*)?}")
    @Produces(MediaType.APPLICATION_JSON)
    public List<FileMetadata> metadatas(@RestPath String mount, @RestPath String path,
            @QueryParam("links") String links, @QueryParam("checksum_type") String checksumType,
            @QueryParam("source_permissions") String sourcePermissions, @QueryParam("recurse") String recurse,
            @QueryParam("recurselimit") String recurseLimit, @QueryParam("max_files") String maxFiles,
            @QueryParam("ignore") List<String> ignore, @Context ContainerRequestContext context,
            @Context HttpServerRequest request) {
        MetadataOptions options = MetadataOptions.of(links, checksumType, sourcePermissions, recurse, recurseLimit,
                maxFiles, ignore);
        return guarded(context, request, mount, path,
                (caller, address) -> files.metadatas(mount, path, caller, address, options));
    }

    /** Streams the file from disk (sendfile); never buffered in memory. */
    @GET
    @jakarta.ws.rs.Path("/file_content/{mount: [-\\w]+}{path: (/.*)?}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public Response content(@RestPath String mount, @RestPath String path, @Context ContainerRequestContext context,
            @Context HttpServerRequest request) {
        Path file = guarded(context, request, mount, path, (caller, address) -> files.content(mount, path, caller, address));
        return Response.ok(file.toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE).build();
    }

    private interface Action<T> {
        T run(ClientIdentity caller, InetAddress address);
    }

    /** Runs {@code action}; a refusal is logged and published before it becomes the agent's 403/400. */
    private <T> T guarded(ContainerRequestContext context, HttpServerRequest request, String mount, String path,
            Action<T> action) {
        ClientIdentity caller = (ClientIdentity) context.getProperty(ClientCertificates.IDENTITY_PROPERTY);
        InetAddress address = addresses.of(request);
        try {
            return action.run(caller, address);
        } catch (FileServeException e) {
            e.deniedBy().ifPresent(rule -> denials.denied(caller.certname(), address.getHostAddress(), mount,
                    path == null || path.isEmpty() ? "/" : path, rule));
            throw e;
        }
    }
}
