-- Label templates saved by supervisors: versioned, exported and imported as files.
-- (filled in by the label templates work)
SELECT 1;
