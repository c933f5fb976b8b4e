-- What happens to a parcel after it ships: courier handovers (已揽收), delivery-status events and fees.
-- IF NOT EXISTS: demo ERP files made before the demo had migrations may already hold these tables.

CREATE TABLE IF NOT EXISTS handovers (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  handover_id     TEXT NOT NULL,
  order_no        TEXT NOT NULL REFERENCES orders (order_no),
  tracking_number TEXT NOT NULL UNIQUE,
  carrier         TEXT NOT NULL,
  handed_over_at  TEXT NOT NULL,
  station_id      TEXT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tracking_events (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  order_no        TEXT NOT NULL REFERENCES orders (order_no),
  tracking_number TEXT NOT NULL,
  status          TEXT NOT NULL,
  at              TEXT NOT NULL,
  detail          TEXT,
  created_at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tracking_events_order ON tracking_events (order_no, at);
CREATE TABLE IF NOT EXISTS fees (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  order_no        TEXT NOT NULL REFERENCES orders (order_no),
  tracking_number TEXT NOT NULL,
  kind            TEXT NOT NULL,
  amount          REAL NOT NULL,
  currency        TEXT NOT NULL,
  posted_at       TEXT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS fees_order ON fees (order_no, seq);
