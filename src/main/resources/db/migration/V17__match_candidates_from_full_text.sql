-- Similar-claim candidates now come from the full-text index alone (see MatchRepository.similar): the trigram GIN
-- index fed candidates through %, which on a large table of similar sentences matched most rows. Trigram
-- similarity stays a scoring signal, computed on the candidates; the index only cost every write.
DROP INDEX IF EXISTS claim_match_trgm_idx;

-- Without the pending list a write updates the index in place (a little slower) and a lookup never has to read
-- the unsorted list of recent entries: under a stream of submissions that list grew to megabytes between vacuums
-- and tripled the lookup (measured at 1M claims, bench/run.sh).
ALTER INDEX claim_match_terms_idx SET (fastupdate = off);
