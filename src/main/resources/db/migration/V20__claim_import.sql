-- Bulk import of claims (issue 11): who imported a claim and the importing system's own id for it. Both stay NULL
-- for claims submitted one by one. An importer's external id names one claim: imports insert with
-- ON CONFLICT (imported_by, external_id) DO NOTHING, so a repeated or concurrent import of the same id finds the
-- claim instead of creating a second one. (V19 belongs to webhooks.)
ALTER TABLE claim ADD COLUMN external_id VARCHAR(200), ADD COLUMN imported_by VARCHAR(80);

CREATE UNIQUE INDEX claim_import_external_id_idx ON claim (imported_by, external_id) WHERE external_id IS NOT NULL;
