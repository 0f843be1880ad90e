-- The slowest requests, in OpenSearch SQL. Checked at synth (quotes,
-- brackets, clause order), never run offline.
SELECT `@timestamp`, path, duration
FROM `/eventwatch/dev/orders`
WHERE duration > 1000
ORDER BY duration DESC
LIMIT 20
