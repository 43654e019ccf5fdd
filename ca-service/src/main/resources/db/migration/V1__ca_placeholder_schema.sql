-- Replaced by the CA schema.
SELECT 1;
