-- Outbox supervision: archive of acknowledged items, supervisor actions and their audit, number pools.
-- (filled in by the sync engine work)
SELECT 1;
