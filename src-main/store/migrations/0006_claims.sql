-- Order claims (leases) and crash-safety bookkeeping.

-- The station's view of its claim on each order it opened: `held` under a live ERP lease, `offline` when the ERP
-- could not be asked (the shipment upload then decides; another station's earlier shipment makes it a conflict),
-- `released` once the order shipped or the packer let it go.
CREATE TABLE order_claims (
  order_no    TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('held', 'offline', 'released')),
  lease_until TEXT,                          -- the ERP's lease end (its clock), when it answered
  claimed_at  TEXT NOT NULL,
  renewed_at  TEXT NOT NULL
);

-- Crash recovery: what the last start found and fixed (print jobs left `sent`, i.e. outcome unknown).
CREATE TABLE recovery_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  kind       TEXT NOT NULL,
  detail     TEXT NOT NULL
);

-- Finds an order's first print job fast (its number is reused after a crash or a re-scan).
CREATE INDEX print_jobs_first_of_order ON print_jobs (order_no, reprint_of, created_at);
