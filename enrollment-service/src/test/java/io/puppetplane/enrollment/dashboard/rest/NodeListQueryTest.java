package io.puppetplane.enrollment.dashboard.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.puppetplane.enrollment.inventory.service.RunStatus;
import io.puppetplane.enrollment.node.repository.NodeState;

class NodeListQueryTest {

    private static NodeListQuery query(String status, String step, String fact, String sort, String page) {
        return new NodeListQuery("web", step, "", status, "", fact, sort, page);
    }

    @Test
    void readsItsFiltersAndKnowsWhichNeedTheInventory() {
        NodeListQuery q = query("noop-pending", "ready", "os.release.major=12", "certname", "3");
        assertNull(q.problem(), "a good query");
        assertEquals(RunStatus.NOOP_PENDING, q.runStatus().orElseThrow(), "status");
        assertEquals(NodeState.READY, q.stepState(), "step");
        assertEquals("os.release.major", q.factPath(), "fact path");
        assertEquals("12", q.factValue(), "fact value");
        assertEquals(3, q.pageNumber(), "page");
        assertTrue(q.needsInventory(), "a run status is the inventory's");
        assertFalse(query("", "ready", "", "step", "").needsInventory(), "step and name are this service's");
        assertTrue(query("", "", "", "last-run", "").needsInventory(), "ordering by last run is the inventory's");
    }

    @Test
    void badInputIsNamed() {
        assertTrue(query("broken", "", "", "certname", "").problem().contains("unknown run status 'broken'"),
                "status");
        assertTrue(query("", "nowhere", "", "certname", "").problem().contains("unknown step 'nowhere'"), "step");
        assertTrue(query("", "", "os.family", "certname", "").problem().contains("path=value"), "fact without =");
        assertTrue(query("", "", "=Debian", "certname", "").problem().contains("path=value"), "fact without path");
        assertTrue(query("", "", "", "height", "").problem().contains("unknown sort"), "sort");
        assertTrue(query("", "", "", "certname", "0").problem().contains("page"), "page 0");
        assertTrue(query("", "", "", "certname", "two").problem().contains("page"), "page not a number");
        assertTrue(query("", "", "", "certname", "99999999999").problem().contains("page"), "page too large");
    }

    @Test
    void linksKeepTheFiltersAndEncodeThem() {
        NodeListQuery q = new NodeListQuery("web 1", "", "nc", "failed", "", "os.family=Debian", "last-run", "2");
        assertEquals("/dashboard/nodes?q=web+1&role=nc&status=failed&fact=os.family%3DDebian&sort=last-run&page=3",
                q.url(3, q.sort()), "the next page");
        assertEquals("/dashboard/nodes?q=web+1&role=nc&status=failed&fact=os.family%3DDebian", q.sortedBy("certname"),
                "sorted by name from the first page");
    }
}
