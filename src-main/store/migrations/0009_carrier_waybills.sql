-- The logistics side: waybills the carriers issued (or the offline ranges gave), their tracking, and the outbox
-- kinds that carry cancels and subscriptions to the carrier and voids to the ERP.

-- One row per waybill request. The order code is what the carrier knows the parcel by: written here before the
-- call, so a retry after a lost reply sends the same code and gets the same number back (KDNiao answers 106).
-- A voided waybill keeps its row (its number is never used again); the order's next waybill is a new row with the
-- next attempt and a new order code.
CREATE TABLE carrier_waybills (
  order_code      TEXT PRIMARY KEY,              -- sent to the carrier; never reused, not even after a void
  order_no        TEXT NOT NULL REFERENCES orders (order_no),
  attempt         INTEGER NOT NULL,              -- 1 for the order's first waybill, 2 after one void, ...
  account_id      TEXT NOT NULL,                 -- the carrier account (settings) it was asked of
  source          TEXT NOT NULL CHECK (source IN ('kdniao', 'offline')),
  shipper_code    TEXT NOT NULL,                 -- KDNiao ShipperCode: ZTO, SF, ... (the station's code offline)
  parcels         INTEGER NOT NULL DEFAULT 1 CHECK (parcels BETWEEN 1 AND 30),
  state           TEXT NOT NULL CHECK (state IN ('requested', 'issued', 'failed', 'voided')),
  tracking_number TEXT UNIQUE,                   -- the (parent) number; set once issued, never changed
  child_numbers   TEXT NOT NULL DEFAULT '[]',    -- JSON array of child numbers (子母件)
  marks           TEXT NOT NULL DEFAULT '{}',    -- JSON WaybillMarks: 大头笔, 三段码, 集包地 ...
  calls           INTEGER NOT NULL DEFAULT 0,    -- calls made with this order code
  last_error      TEXT,                          -- the last refusal code (failed, or waiting to retry)
  last_reason     TEXT,                          -- the carrier's own reason text, when it gave one
  requested_at    TEXT NOT NULL,
  issued_at       TEXT,
  voided_at       TEXT,
  void_reason     TEXT,
  voided_by       TEXT,
  cancel_state    TEXT CHECK (cancel_state IN ('pending', 'cancelled', 'refused')),
  cancel_reason   TEXT,                          -- the carrier's answer to the cancel
  UNIQUE (order_no, attempt)
);
-- An order has at most one waybill that is not voided.
CREATE UNIQUE INDEX carrier_waybills_live ON carrier_waybills (order_no) WHERE state != 'voided';
CREATE INDEX carrier_waybills_by_state ON carrier_waybills (state, requested_at);

-- Every number a waybill holds (parent and children), so a number is known to belong to one parcel only.
CREATE TABLE carrier_waybill_numbers (
  tracking_number TEXT PRIMARY KEY,
  order_code      TEXT NOT NULL REFERENCES carrier_waybills (order_code),
  parcel_seq      INTEGER NOT NULL,              -- 1 the parent, 2.. the children in the carrier's order
  UNIQUE (order_code, parcel_seq)
);

-- The latest tracking of each parcel, as the carrier last reported it (a full snapshot each time).
CREATE TABLE parcel_tracking (
  tracking_number TEXT PRIMARY KEY,
  order_no        TEXT NOT NULL,
  shipper_code    TEXT NOT NULL,
  account_id      TEXT,
  state           TEXT,                          -- KDNiao State as sent
  state_ex        TEXT,                          -- KDNiao StateEx as sent
  status          TEXT NOT NULL,                 -- the station's delivery status (domain/status-mapping)
  exception_kind  TEXT,                          -- refused, returned, intercepted, address, phone, damaged, stuck, locker-overdue, other
  last_event_at   TEXT,                          -- the newest trace event (ISO): older snapshots are ignored
  trace_count     INTEGER NOT NULL DEFAULT 0,
  snapshot_at     TEXT,                          -- when the applied snapshot was received
  subscribed_at   TEXT,
  next_poll_at    TEXT,                          -- when to ask the carrier (8001) if nothing arrives before
  updated_at      TEXT NOT NULL
);
CREATE INDEX parcel_tracking_by_order ON parcel_tracking (order_no);
CREATE INDEX parcel_tracking_by_status ON parcel_tracking (status, exception_kind);
CREATE INDEX parcel_tracking_by_poll ON parcel_tracking (next_poll_at) WHERE next_poll_at IS NOT NULL;

-- The trace events of each parcel, in the carrier's order.
CREATE TABLE parcel_traces (
  tracking_number TEXT NOT NULL REFERENCES parcel_tracking (tracking_number),
  seq             INTEGER NOT NULL,
  accept_time     TEXT NOT NULL,                 -- ISO
  station         TEXT NOT NULL,                 -- AcceptStation: the carrier's words
  location        TEXT,
  action          TEXT,                          -- the event's StateEx, when sent
  remark          TEXT,
  PRIMARY KEY (tracking_number, seq)
);

-- The outbox gains the carrier's kinds (cancel, subscribe) and the ERP's void. Rebuilt as in 0007: same columns,
-- rows, ids and AUTOINCREMENT counter.
CREATE TEMP TABLE outbox_counter AS SELECT seq FROM sqlite_sequence WHERE name = 'outbox';
CREATE TABLE outbox_new (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL UNIQUE,
  aggregate       TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('shipment.confirm', 'handover.confirm', 'tracking.report', 'fee.post',
                                                'shipment.void', 'waybill.cancel', 'waybill.subscribe')),
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
