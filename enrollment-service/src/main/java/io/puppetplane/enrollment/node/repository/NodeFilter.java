package io.puppetplane.enrollment.node.repository;

/**
 * Criteria for listing nodes; null fields do not filter. {@code role} and {@code state} are this service's;
 * {@code lastRunStatus} (the latest report's status) and {@code factPath}/{@code factValue} (a dotted path into the
 * latest facts, {@code os.family}, compared as text) are asked of the inventory.
 */
public record NodeFilter(String role, NodeState state, String lastRunStatus, String factPath, String factValue) {

    public static NodeFilter all() {
        return new NodeFilter(null, null, null, null, null);
    }

    /** Whether the inventory must be asked. */
    public boolean needsInventory() {
        return lastRunStatus != null || factPath != null;
    }
}
