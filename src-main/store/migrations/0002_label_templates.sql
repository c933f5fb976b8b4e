-- Label templates saved by supervisors: versioned, exported and imported as files.
-- Every save is a new (name, version) row; a version, once written, is never changed or removed, so a parcel
-- packed with version N can always be reprinted with exactly that layout.
CREATE TABLE label_templates (
  name       TEXT NOT NULL CHECK (name GLOB '[a-z0-9]*'),
  version    INTEGER NOT NULL CHECK (version >= 1),
  body       TEXT NOT NULL,                 -- the template as JSON (validated before it is written)
  created_at TEXT NOT NULL,
  created_by TEXT,                          -- who saved it (station id or user), when known
  note       TEXT,                          -- the supervisor's note for this version
  PRIMARY KEY (name, version)
);

CREATE TRIGGER label_templates_never_updated BEFORE UPDATE ON label_templates
BEGIN
  SELECT RAISE(ABORT, 'label template versions are never changed: save a new version');
END;

CREATE TRIGGER label_templates_never_deleted BEFORE DELETE ON label_templates
BEGIN
  SELECT RAISE(ABORT, 'label template versions are never deleted');
END;

-- Which template packing uses lives in settings ('labels.packingTemplate' = {"name": "...", "version": N});
-- absent means the built-in default.
