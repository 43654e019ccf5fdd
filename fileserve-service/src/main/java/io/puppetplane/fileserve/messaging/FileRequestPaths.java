package io.puppetplane.fileserve.messaging;

/** Splits a request path {@code /puppet/v3/<endpoint>/<mount>/<path>} into mount and path for events. */
final class FileRequestPaths {

    private FileRequestPaths() {
    }

    static String[] mountAndPath(String requestPath) {
        String prefix = "/puppet/v3/";
        if (requestPath == null || !requestPath.startsWith(prefix)) {
            return new String[] {"", requestPath == null ? "" : requestPath};
        }
        String rest = requestPath.substring(prefix.length());
        int endpointEnd = rest.indexOf('/');
        if (endpointEnd < 0) {
            return new String[] {"", ""};
        }
        String afterEndpoint = rest.substring(endpointEnd + 1);
        int mountEnd = afterEndpoint.indexOf('/');
        return mountEnd < 0 ? new String[] {afterEndpoint, ""}
                : new String[] {afterEndpoint.substring(0, mountEnd), afterEndpoint.substring(mountEnd)};
    }
}
