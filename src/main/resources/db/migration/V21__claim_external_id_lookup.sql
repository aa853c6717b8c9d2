-- GET /api/v1/claims?externalId= reads an imported claim back by the importing system's id; the unique index of V20
-- leads with imported_by, so a lookup by the id alone needs its own (partial: only imported claims have one).
CREATE INDEX claim_external_id_idx ON claim (external_id) WHERE external_id IS NOT NULL;
