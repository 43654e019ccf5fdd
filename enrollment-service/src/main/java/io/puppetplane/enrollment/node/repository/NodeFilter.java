package io.puppetplane.enrollment.node.repository;

/**
 * Criteria for listing nodes; null fields do not filter. {@code factPath} is a dotted path into the latest facts
 * ({@code os.family}) compared as text with {@code factValue}.
 */
public record NodeFilter(String role, NodeState state, String lastRunStatus, String factPath, String factValue) {

    public static NodeFilter all() {
        return new NodeFilter(null, null, null, null, null);
    }
}
