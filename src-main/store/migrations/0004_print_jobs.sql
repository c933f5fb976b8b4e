-- Print jobs for the print queue: an explicit idempotency key, the printer profile, what the transport reported,
-- how many automatic writes were made (never more than one), and who asked for a reprint and why.

ALTER TABLE print_jobs ADD COLUMN idempotency_key TEXT;
UPDATE print_jobs SET idempotency_key = id WHERE idempotency_key IS NULL;
CREATE UNIQUE INDEX print_jobs_by_key ON print_jobs (idempotency_key);
-- Rows written without a key (the shipping store's inserts) take their id: the key is fixed at creation.
CREATE TRIGGER print_jobs_default_key AFTER INSERT ON print_jobs WHEN NEW.idempotency_key IS NULL
BEGIN
  UPDATE print_jobs SET idempotency_key = NEW.id WHERE id = NEW.id;
END;

ALTER TABLE print_jobs ADD COLUMN profile TEXT;
ALTER TABLE print_jobs ADD COLUMN detail TEXT;
ALTER TABLE print_jobs ADD COLUMN bytes INTEGER;
ALTER TABLE print_jobs ADD COLUMN writes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE print_jobs ADD COLUMN sent_at TEXT;
ALTER TABLE print_jobs ADD COLUMN requested_by TEXT;
ALTER TABLE print_jobs ADD COLUMN reason TEXT;

-- The station's promise, enforced by the database as well: a job's bytes are written automatically at most once.
CREATE TRIGGER print_jobs_write_once BEFORE UPDATE OF writes ON print_jobs WHEN NEW.writes > 1
BEGIN
  SELECT RAISE(ABORT, 'print job already written once; a second copy must be an explicit reprint');
END;
