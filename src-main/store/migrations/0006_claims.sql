-- Order claims (leases) and crash-safety bookkeeping.
-- (filled in by the claims work)
SELECT 1;
