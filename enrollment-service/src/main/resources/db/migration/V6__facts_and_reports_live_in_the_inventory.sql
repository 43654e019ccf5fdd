-- Facts and reports belong to inventory-service (PuppetDB's query API), which the dashboard and /api/v1 now ask.
-- This service keeps only what its pipeline decides on: the certificate request and signature, and the first
-- successful run (first_success_at), recorded from the report events.
ALTER TABLE agent_observation
    DROP COLUMN facts,
    DROP COLUMN facts_received_at,
    DROP COLUMN last_run_status,
    DROP COLUMN last_run_at;
DROP TABLE node_report;
