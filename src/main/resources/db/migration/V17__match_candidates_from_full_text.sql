-- Similar-claim candidates now come from the full-text index alone (see MatchRepository.similar): the trigram GIN
-- index fed candidates through %, which on a large table of similar sentences matched most rows. Trigram
-- similarity stays a scoring signal, computed on the candidates; the index only cost every write.
DROP INDEX IF EXISTS claim_match_trgm_idx;
