-- Order search on the Orders screen and batch printing of waybills (批量打单).
-- Search keys live in their own indexed columns (written by the orders repository on every pull), so a search by
-- receiver name, the phone's last 4 digits or a tracking number is an index lookup, never a scan of the JSON.

ALTER TABLE orders ADD COLUMN search_name TEXT;   -- the receiver's name, trimmed and lower-cased
ALTER TABLE orders ADD COLUMN phone_last4 TEXT;   -- the last 4 digits of the receiver's phone
ALTER TABLE orders ADD COLUMN erp_tracking TEXT;  -- the tracking number the ERP sent (shipped elsewhere)

UPDATE orders SET
  search_name = lower(trim(json_extract(payload, '$.receiver.name'))),
  phone_last4 = substr(replace(replace(replace(replace(json_extract(payload, '$.receiver.phone'), ' ', ''), '-', ''),
    '(', ''), ')', ''), -4),
  erp_tracking = json_extract(payload, '$.trackingNumber');

CREATE INDEX orders_by_search_name ON orders (search_name);
CREATE INDEX orders_by_phone_last4 ON orders (phone_last4);
CREATE INDEX orders_by_tracking ON orders (tracking_number) WHERE tracking_number IS NOT NULL;
CREATE INDEX orders_by_erp_tracking ON orders (erp_tracking) WHERE erp_tracking IS NOT NULL;
CREATE INDEX print_jobs_by_tracking ON print_jobs (tracking_number);

-- A batch of waybills a supervisor printed for selected orders: one row per batch, one per order in it.
CREATE TABLE print_batches (
  id           TEXT PRIMARY KEY,
  requested_by TEXT NOT NULL,
  total        INTEGER NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('running', 'done', 'stopped')),
  created_at   TEXT NOT NULL,
  finished_at  TEXT
);

-- `outcome`: pending (not reached yet), printed, skipped (with `reason`: already-printed, shipped, ...), failed
-- (with the refusal code in `reason`). `order_version` is the order the label was drawn from: packing trusts a batch
-- label only while the order is still that version.
CREATE TABLE print_batch_items (
  batch_id      TEXT NOT NULL REFERENCES print_batches (id),
  position      INTEGER NOT NULL,
  order_no      TEXT NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome IN ('pending', 'printed', 'skipped', 'failed')),
  reason        TEXT,
  job_id        TEXT REFERENCES print_jobs (id),
  tracking_number TEXT,
  order_version INTEGER,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (batch_id, position)
);
CREATE INDEX print_batch_items_by_order ON print_batch_items (order_no, outcome);
