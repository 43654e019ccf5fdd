CREATE TABLE node_state (certname text PRIMARY KEY);
CREATE TABLE signed_ledger (certname text NOT NULL, event_id text NOT NULL);
