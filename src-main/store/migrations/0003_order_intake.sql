-- Order intake: the ERP's own record id, duplicate detection, and a fast "needs attention" list.
-- `issues` (0001) keeps the reasons; `needs_attention` mirrors "issues is not empty" so the list is an index scan.

ALTER TABLE orders ADD COLUMN erp_id TEXT;                 -- the ERP's record id, when it sends one besides the number
ALTER TABLE orders ADD COLUMN dup_key TEXT;                -- hash of receiver + items: same key = possible duplicate
ALTER TABLE orders ADD COLUMN duplicate_of TEXT;           -- the earlier order this one duplicates, when flagged
ALTER TABLE orders ADD COLUMN erp_created_at TEXT;         -- the ERP's creation time (the duplicate window is judged on it)
ALTER TABLE orders ADD COLUMN needs_attention INTEGER NOT NULL DEFAULT 0;

UPDATE orders SET needs_attention = (issues <> '[]');

CREATE INDEX orders_by_erp_id ON orders (erp_id) WHERE erp_id IS NOT NULL;
CREATE INDEX orders_by_dup_key ON orders (dup_key) WHERE dup_key IS NOT NULL;
CREATE INDEX orders_needing_attention ON orders (order_no) WHERE needs_attention = 1;
