package org.factdesk.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did: how many lines it received, created, found existing and refused, and the first refused lines and
 * the first lines that named an existing claim (the counts are complete, the lists stop at a limit).
 */
public record ImportReport(long received, long created, long existing, long failed, List<LineError> errors,
        boolean truncated, List<ExistingLine> existingClaims, boolean existingTruncated) {

    /** A refused line and why. */
    public record LineError(long line, String problem) {
    }

    /** A line whose external id this importer had already imported: nothing was created for it. */
    public record ExistingLine(long line, String externalId, long claimId) {
    }

    /** Collects an import's outcome as its chunks commit; keeps the lowest line numbers when a list is full. */
    static final class Builder {
        private final int maxListed;
        private long received;
        private long created;
        private long existing;
        private long failed;
        private final TreeMap<Long, String> errors = new TreeMap<>();
        private final TreeMap<Long, ExistingLine> existingLines = new TreeMap<>();

        Builder(int maxListed) {
            this.maxListed = maxListed;
        }

        void received() {
            received++;
        }

        void created(int n) {
            created += n;
        }

        void failed(long line, String problem) {
            failed++;
            errors.put(line, problem);
            if (errors.size() > maxListed) {
                errors.pollLastEntry();
            }
        }

        void existing(long line, String externalId, long claimId) {
            existing++;
            existingLines.put(line, new ExistingLine(line, externalId, claimId));
            if (existingLines.size() > maxListed) {
                existingLines.pollLastEntry();
            }
        }

        ImportReport build() {
            List<LineError> list = new ArrayList<>(errors.size());
            for (Map.Entry<Long, String> e : errors.entrySet()) {
                list.add(new LineError(e.getKey(), e.getValue()));
            }
            return new ImportReport(received, created, existing, failed, list, failed > list.size(),
                    List.copyOf(existingLines.values()), existing > existingLines.size());
        }
    }
}
