-- A new node's facts skip writing fact_paths when another factset already has the same set of paths
-- (FactStore.replace asks by paths_hash, once per changed factset).
CREATE INDEX factsets_paths_hash ON factsets (paths_hash);
