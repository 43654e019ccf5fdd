-- What a run did and what failed, taken from the report when it arrives: changed, failed and noop resource events
-- and error logs, at most 200 per run (ReportEvents), so an operator sees why a run failed without the raw report.
ALTER TABLE node_report ADD COLUMN events jsonb NOT NULL DEFAULT '[]';
