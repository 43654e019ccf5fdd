package io.puppetplane.fileserve.service;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.trust.ClientIdentity;

/**
 * Serves one request against the current mounts: find the mount, apply its rules (deny first, then allow, default
 * deny), expand its path for the caller, resolve the file without leaving the mount, then describe or hand it out.
 */
@ApplicationScoped
public class MountFileService {

    private final FileserverConfigWatcher config;
    private final NodeRoles roles;
    private final FileMetadataCollector collector;
    private final ListingCache listings;

    MountFileService(FileserverConfigWatcher config, NodeRoles roles, FileMetadataCollector collector,
            ListingCache listings) {
        this.config = config;
        this.roles = roles;
        this.collector = collector;
        this.listings = listings;
    }

    public FileMetadata metadata(String mount, String relative, ClientIdentity caller, InetAddress address,
            MetadataOptions options) {
        Path root = authorizedRoot(mount, relative, caller, address);
        return collector.single(MountPaths.resolve(root, relative, options.followLinks()), options);
    }

    public List<FileMetadata> metadatas(String mount, String relative, ClientIdentity caller, InetAddress address,
            MetadataOptions options) {
        Path root = authorizedRoot(mount, relative, caller, address);
        MountPaths.ResolvedFile file = MountPaths.resolve(root, relative, options.followLinks());
        Path realMountRoot = realRoot(root);
        if (!options.recurse()) {
            return collector.recursive(file, realMountRoot, options);
        }
        // access was decided above, per request; only the listing itself is shared
        return listings.listing(new ListingCache.Key(file.path().toString(), file.realPath(), options),
                observer -> collector.recursive(file, realMountRoot, options, observer));
    }

    /** The real file to stream; links are followed but must stay inside the mount. */
    public Path content(String mount, String relative, ClientIdentity caller, InetAddress address) {
        Path root = authorizedRoot(mount, relative, caller, address);
        MountPaths.ResolvedFile file = MountPaths.resolve(root, relative, true);
        if (!Files.isRegularFile(file.realPath())) {
            throw FileServeException.badRequest(mount + relative + " is not a regular file");
        }
        return file.realPath();
    }

    private Path authorizedRoot(String mountName, String relative, ClientIdentity caller, InetAddress address) {
        MountDefinition mount = config.current().mount(mountName)
                .orElseThrow(() -> FileServeException.notFound("no mount named '" + mountName + "'"));
        AccessDecision decision = mount.decide(new AccessRequest(caller, address, roles.roleOf(caller.certname())));
        if (!decision.allowed()) {
            throw FileServeException.denied(403, "Forbidden: " + caller.certname() + " (" + address.getHostAddress()
                    + ") may not read from mount '" + mountName + "': " + decision.rule(), decision.rule());
        }
        MountPaths.segments(relative);
        return mount.path().expand(caller).orElseThrow(() -> FileServeException.notFound("mount '" + mountName
                + "' has no directory for " + caller.certname()));
    }

    private static Path realRoot(Path root) {
        try {
            return root.toRealPath();
        } catch (java.io.IOException e) {
            throw FileServeException.notFound("the mount directory does not exist");
        }
    }
}
