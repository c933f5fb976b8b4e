-- Print jobs: every label sent to a printer, with its idempotency key and state.
-- (filled in by the print queue work)
SELECT 1;
