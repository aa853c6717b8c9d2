-- Similar-claim matching (issue 10): candidates come from two GIN indexes, a trigram index on the normalized
-- statement and a stemmed full-text vector in the claim's own language, so a lookup never scans claims.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

-- unaccent() is only STABLE (its dictionary could be swapped), which generated columns and index expressions do not
-- accept; pinning the dictionary by name makes the result depend on the argument alone, so IMMUTABLE holds. Names are
-- schema-qualified because PostgreSQL 17+ runs index builds and table rewrites with search_path = pg_catalog.
CREATE FUNCTION matching_normalize(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, t)) $$;

-- The text search configuration for a BCP 47 tag: its primary subtag's stemmer, or 'simple' (no stemming, no stop
-- words) for languages PostgreSQL has no stemmer for, so that such claims still match word for word.
CREATE FUNCTION matching_ts_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE split_part(lower(coalesce(language, 'en')), '-', 1)
        WHEN 'en' THEN 'english' WHEN 'es' THEN 'spanish' WHEN 'pt' THEN 'portuguese' WHEN 'fr' THEN 'french'
        WHEN 'de' THEN 'german' WHEN 'it' THEN 'italian' WHEN 'nl' THEN 'dutch' WHEN 'sv' THEN 'swedish'
        WHEN 'da' THEN 'danish' WHEN 'fi' THEN 'finnish' WHEN 'hu' THEN 'hungarian' WHEN 'no' THEN 'norwegian'
        WHEN 'nb' THEN 'norwegian' WHEN 'nn' THEN 'norwegian' WHEN 'ru' THEN 'russian' WHEN 'tr' THEN 'turkish'
        WHEN 'ro' THEN 'romanian'
        ELSE 'simple' END::regconfig $$;

ALTER TABLE claim ADD COLUMN match_terms TSVECTOR GENERATED ALWAYS AS (
    to_tsvector(matching_ts_config(language), matching_normalize(statement))) STORED;

CREATE INDEX claim_match_terms_idx ON claim USING GIN (match_terms);
CREATE INDEX claim_match_trgm_idx ON claim USING GIN (matching_normalize(statement) gin_trgm_ops);
