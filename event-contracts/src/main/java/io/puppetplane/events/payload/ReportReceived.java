package io.puppetplane.events.payload;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** An agent's run report: the summary fields, plus the whole report as the agent sent it. */
public record ReportReceived(String certname, String environment, String status, String configurationVersion,
        String transactionUuid, String catalogUuid, String codeId, boolean noop, Instant time, JsonNode report) {
}
