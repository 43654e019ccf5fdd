package io.puppetplane.fileserve.service;

import java.util.Map;
import java.util.Optional;

/** The mounts of one version of fileserver.conf, by name. */
public record MountTable(Map<String, MountDefinition> mounts) {

    public static final MountTable EMPTY = new MountTable(Map.of());

    public MountTable {
        mounts = Map.copyOf(mounts);
    }

    public Optional<MountDefinition> mount(String name) {
        return Optional.ofNullable(mounts.get(name));
    }
}
