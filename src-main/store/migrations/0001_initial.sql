-- The station's local state: pulled orders, shipments, print jobs, the ERP outbox, tracking-number pools.

CREATE TABLE orders (
  order_no        TEXT PRIMARY KEY,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'shipped', 'cancelled')),
  erp_version     INTEGER NOT NULL,
  payload         TEXT NOT NULL,                 -- the Order as JSON, as last pulled
  issues          TEXT NOT NULL DEFAULT '[]',    -- validation issues (JSON array); non-empty = needs attention
  local_state     TEXT NOT NULL DEFAULT 'open' CHECK (local_state IN ('open', 'shipped')),
  tracking_number TEXT,
  pulled_at       TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX orders_by_state ON orders (local_state, status);

CREATE TABLE print_jobs (
  id              TEXT PRIMARY KEY,              -- also the job's idempotency key
  order_no        TEXT NOT NULL REFERENCES orders (order_no),
  tracking_number TEXT NOT NULL,
  printer         TEXT NOT NULL,
  template        TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'confirmed', 'unknown', 'failed')),
  error           TEXT,
  reprint_of      TEXT REFERENCES print_jobs (id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX print_jobs_by_order ON print_jobs (order_no);

CREATE TABLE shipments (
  id              TEXT PRIMARY KEY,
  order_no        TEXT NOT NULL UNIQUE REFERENCES orders (order_no),
  tracking_number TEXT NOT NULL UNIQUE,
  carrier         TEXT NOT NULL,
  weight_kg       REAL,
  order_version   INTEGER NOT NULL,
  print_job_id    TEXT REFERENCES print_jobs (id),
  created_at      TEXT NOT NULL
);

-- Everything the ERP must learn about. Written in the same transaction as the local change it reports.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL UNIQUE,          -- fixed at creation, sent unchanged on every retry
  aggregate       TEXT NOT NULL,                 -- the order number: one order's items upload in order
  kind            TEXT NOT NULL CHECK (kind IN ('shipment.confirm')),
  payload         TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('pending', 'acked', 'rejected', 'conflict')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT,
  response        TEXT,
  created_at      TEXT NOT NULL,
  acked_at        TEXT
);
CREATE INDEX outbox_by_state ON outbox (state, aggregate, id);

-- Local tracking-number pools: a number is consumed in the same transaction as the print job that uses it.
CREATE TABLE number_pools (
  carrier     TEXT PRIMARY KEY,
  prefix      TEXT NOT NULL,
  next_serial INTEGER NOT NULL,
  end_serial  INTEGER NOT NULL,
  CHECK (next_serial <= end_serial + 1)
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Every scan, applied or refused: nothing a packer scans is lost without a trace.
CREATE TABLE scan_log (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       TEXT NOT NULL,
  code     TEXT NOT NULL,
  order_no TEXT,
  verdict  TEXT NOT NULL,
  reason   TEXT
);
