package io.puppetplane.enrollment.dashboard.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.puppetplane.enrollment.inventory.service.RunStatus;
import io.puppetplane.enrollment.node.repository.NodeState;

/**
 * The nodes list's filters, sort and page as the query string gives them (blank: not filtered). Name, step and
 * role are this service's; run status, environment and fact ({@code os.family=Debian}) are the inventory's.
 */
@io.quarkus.qute.TemplateData
public record NodeListQuery(String q, String step, String role, String status, String environment, String fact,
        String sort, String page) {

    static final NodeListQuery ALL = new NodeListQuery("", "", "", "", "", "", "certname", "");

    /** The orders offered: by name, by pipeline step, by last run newest or oldest first. */
    public static final List<Map.Entry<String, String>> SORTS = List.of(Map.entry("certname", "name"),
            Map.entry("step", "step"), Map.entry("last-run", "last run, newest first"),
            Map.entry("last-run-oldest", "last run, oldest first"));

    /** What is wrong with the query, for a 400 that says so; null when nothing is. */
    String problem() {
        if (!step.isEmpty() && stepState() == null) {
            return "unknown step '" + step + "'; one of " + String.join(", ", java.util.Arrays
                    .stream(NodeState.values()).map(NodeState::wireName).toList());
        }
        if (!status.isEmpty() && runStatus().isEmpty()) {
            return "unknown run status '" + status + "'; one of " + String.join(", ", java.util.Arrays
                    .stream(RunStatus.values()).map(RunStatus::wireName).toList());
        }
        if (!fact.isEmpty() && (fact.indexOf('=') <= 0 || factPath().isBlank() || factPath().startsWith(".")
                || factPath().endsWith(".") || factPath().contains(".."))) {
            return "a fact filter is path=value (os.family=Debian), not '" + fact + "'";
        }
        if (SORTS.stream().noneMatch(s -> s.getKey().equals(sort))) {
            return "unknown sort '" + sort + "'; one of certname, step, last-run, last-run-oldest";
        }
        if (!page.isEmpty() && (!page.matches("[0-9]{1,7}") || Integer.parseInt(page) < 1)) {
            return "page must be a number from 1, not '" + page + "'";
        }
        return null;
    }

    /** The step filter, null for none (or an unknown one, which {@link #problem} reports). */
    public NodeState stepState() {
        return step.isEmpty() ? null : NodeState.fromWireName(step).orElse(null);
    }

    public Optional<RunStatus> runStatus() {
        return RunStatus.fromWireName(status.isEmpty() ? null : status);
    }

    public String factPath() {
        return fact.substring(0, Math.max(0, fact.indexOf('='))).strip();
    }

    public String factValue() {
        return fact.substring(fact.indexOf('=') + 1).strip();
    }

    /** Whether the inventory's query pages the list: a filter only it can apply, or the order of last runs. */
    public boolean needsInventory() {
        return !status.isEmpty() || !environment.isEmpty() || !fact.isEmpty() || sort.startsWith("last-run");
    }

    public int pageNumber() {
        return page.isEmpty() ? 1 : Integer.parseInt(page);
    }

    /** Whether any filter is set (the page then offers to clear them). */
    public boolean filtered() {
        return !(q.isEmpty() && step.isEmpty() && role.isEmpty() && status.isEmpty() && environment.isEmpty()
                && fact.isEmpty());
    }

    /** This query's URL at another page or sort, keeping the filters. */
    public String url(int pageNumber, String sortBy) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        params.put("step", step);
        params.put("role", role);
        params.put("status", status);
        params.put("environment", environment);
        params.put("fact", fact);
        params.put("sort", sortBy.equals("certname") ? "" : sortBy);
        params.put("page", pageNumber == 1 ? "" : String.valueOf(pageNumber));
        StringBuilder url = new StringBuilder("/dashboard/nodes");
        char separator = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!p.getValue().isEmpty()) {
                url.append(separator).append(p.getKey()).append('=')
                        .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return url.toString();
    }

    /** The URL of this query sorted another way, from its first page. */
    public String sortedBy(String sortBy) {
        return url(1, sortBy);
    }
}
