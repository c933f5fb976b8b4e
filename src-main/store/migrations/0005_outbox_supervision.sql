-- Outbox supervision: archive of acknowledged items, supervisor actions and their audit, number pools.

-- Items that left the live outbox: acknowledged by the ERP, or discarded by a supervisor with a reason. Kept here
-- (never silently deleted) so the live table stays small; acknowledged ones are purged after the retention period,
-- discarded ones only the same way (their audit entry stays for good).
CREATE TABLE outbox_archive (
  id              INTEGER PRIMARY KEY,           -- the id the item had in the outbox
  idempotency_key TEXT NOT NULL UNIQUE,
  aggregate       TEXT NOT NULL,
  kind            TEXT NOT NULL,
  payload         TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('acked', 'discarded')),
  attempts        INTEGER NOT NULL,
  last_error      TEXT,
  response        TEXT,                          -- the ERP's receipt (acked)
  discard_reason  TEXT,                          -- why a supervisor discarded it
  created_at      TEXT NOT NULL,
  closed_at       TEXT NOT NULL                  -- when it was acknowledged or discarded
);
CREATE INDEX outbox_archive_by_closed ON outbox_archive (state, closed_at);

INSERT INTO outbox_archive
  (id, idempotency_key, aggregate, kind, payload, state, attempts, last_error, response, created_at, closed_at)
  SELECT id, idempotency_key, aggregate, kind, payload, 'acked', attempts, last_error, response, created_at,
         coalesce(acked_at, created_at)
  FROM outbox WHERE state = 'acked';
DELETE FROM outbox WHERE state = 'acked';

-- Every supervisor action on a rejected or conflict item: who, when, what, and what changed.
CREATE TABLE outbox_audit (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id         INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL,
  aggregate       TEXT NOT NULL,
  action          TEXT NOT NULL CHECK (action IN ('retry', 'edit-retry', 'discard')),
  actor           TEXT NOT NULL,
  at              TEXT NOT NULL,
  reason          TEXT,
  previous_state  TEXT NOT NULL,
  previous_error  TEXT,
  changes         TEXT NOT NULL DEFAULT '[]'     -- JSON [{ field, from, to }]
);
CREATE INDEX outbox_audit_by_item ON outbox_audit (item_id, id);

-- Carrier tracking-number ranges for offline use, each with its carrier's check-digit scheme. Ranges of one
-- carrier are consumed oldest first; next_serial only ever grows.
CREATE TABLE number_ranges (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  carrier      TEXT NOT NULL,
  scheme       TEXT NOT NULL CHECK (scheme IN ('sscc', 'upu-s10', 'ups-1z')),
  prefix       TEXT NOT NULL,
  suffix       TEXT NOT NULL DEFAULT '',
  first_serial INTEGER NOT NULL,
  last_serial  INTEGER NOT NULL,
  next_serial  INTEGER NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('erp', 'supervisor')),
  added_by     TEXT NOT NULL,
  added_at     TEXT NOT NULL,
  CHECK (first_serial >= 0 AND first_serial <= last_serial),
  CHECK (next_serial >= first_serial AND next_serial <= last_serial + 1)
);
CREATE INDEX number_ranges_by_carrier ON number_ranges (carrier, id);

-- Every tracking number this station has issued, from any pool: the primary key makes a second issue of the same
-- number fail inside the transaction that would record it.
CREATE TABLE issued_numbers (
  tracking_number TEXT PRIMARY KEY,
  carrier         TEXT NOT NULL,
  range_id        INTEGER REFERENCES number_ranges (id),
  issued_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
