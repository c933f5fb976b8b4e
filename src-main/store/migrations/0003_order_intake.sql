-- Order intake: quarantine reasons, duplicate flags, standardized fields.
-- (filled in by the ERP intake work)
SELECT 1;
