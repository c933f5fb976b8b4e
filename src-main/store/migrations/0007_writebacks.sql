-- Write-backs after the shipment: courier handovers recorded at the station (whatever the ERP can take), and the
-- outbox kinds that carry handovers, delivery-status events and fees to the ERP.

CREATE TABLE handovers (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  handover_id     TEXT NOT NULL,                 -- one courier pickup at the bench
  carrier         TEXT NOT NULL,
  order_no        TEXT NOT NULL REFERENCES shipments (order_no),
  tracking_number TEXT NOT NULL UNIQUE REFERENCES shipments (tracking_number),  -- a parcel is handed over once
  handed_over_at  TEXT NOT NULL,
  queued          INTEGER NOT NULL CHECK (queued IN (0, 1))  -- 1: an outbox item tells the ERP
);
CREATE INDEX handovers_by_id ON handovers (handover_id);

-- SQLite cannot change a CHECK constraint in place: the outbox is rebuilt with the new kinds, same columns, same
-- rows, same ids. Its AUTOINCREMENT counter is kept too: archived items keep their outbox ids, so a new item must
-- never get an id an archived one had.
CREATE TEMP TABLE outbox_counter AS SELECT seq FROM sqlite_sequence WHERE name = 'outbox';
CREATE TABLE outbox_new (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL UNIQUE,
  aggregate       TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('shipment.confirm', 'handover.confirm', 'tracking.report', 'fee.post')),
  payload         TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('pending', 'acked', 'rejected', 'conflict')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT,
  response        TEXT,
  created_at      TEXT NOT NULL,
  acked_at        TEXT
);
INSERT INTO outbox_new
  (id, idempotency_key, aggregate, kind, payload, state, attempts, next_attempt_at, last_error, response, created_at,
   acked_at)
  SELECT id, idempotency_key, aggregate, kind, payload, state, attempts, next_attempt_at, last_error, response,
         created_at, acked_at
  FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_by_state ON outbox (state, aggregate, id);
UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM outbox_counter)) WHERE name = 'outbox'
  AND EXISTS (SELECT 1 FROM outbox_counter);
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'outbox', seq FROM outbox_counter WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox');
DROP TABLE outbox_counter;
