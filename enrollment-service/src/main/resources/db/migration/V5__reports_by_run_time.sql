-- Reports are listed and pruned newest run first: a report held in a crashed replica's spool arrives after newer ones.
CREATE INDEX node_report_certname_run_at ON node_report (certname, run_at DESC, id DESC);
DROP INDEX node_report_certname;
