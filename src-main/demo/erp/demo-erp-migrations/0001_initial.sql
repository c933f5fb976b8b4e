-- The demo ERP's schema. Orders keep their addresses as JSON text because the demo never queries inside them;
-- lines, stock, shipments and idempotency keys are proper rows so the shipping transaction can update them.
-- IF NOT EXISTS: demo ERP files made before the demo had migrations already hold these tables, and gain only the
-- migration record.

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stock (
  sku      TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  barcode  TEXT NOT NULL,
  on_hand  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  order_no        TEXT NOT NULL UNIQUE,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'shipped', 'cancelled')),
  version         INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  receiver_json   TEXT NOT NULL,
  sender_json     TEXT NOT NULL,
  carrier         TEXT,
  weight_kg       REAL,
  tracking_number TEXT,
  note            TEXT,
  claimed_by      TEXT,
  lease_until     TEXT
);
CREATE INDEX IF NOT EXISTS orders_status_seq ON orders (status, seq);
CREATE TABLE IF NOT EXISTS order_lines (
  order_no TEXT NOT NULL REFERENCES orders (order_no),
  line_no  INTEGER NOT NULL,
  sku      TEXT NOT NULL,
  name     TEXT NOT NULL,
  barcode  TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  PRIMARY KEY (order_no, line_no)
);
CREATE TABLE IF NOT EXISTS shipments (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT NOT NULL UNIQUE,
  order_no        TEXT NOT NULL REFERENCES orders (order_no),
  tracking_number TEXT NOT NULL,
  carrier         TEXT NOT NULL,
  shipped_at      TEXT NOT NULL,
  weight_kg       REAL,
  fee             REAL,
  station_id      TEXT,
  created_at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS shipments_order ON shipments (order_no, seq);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  key           TEXT PRIMARY KEY,
  request_hash  TEXT NOT NULL,
  status_code   INTEGER NOT NULL,
  response_json TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
