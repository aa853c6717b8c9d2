package org.factdesk.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;

import org.factdesk.common.ClientStream;
import org.factdesk.claim.ClaimEvent;
import org.factdesk.claim.ClaimPolicy;
import org.factdesk.claim.ClaimService;
import org.factdesk.common.AuditTrail;
import org.factdesk.common.ProblemException;
import org.factdesk.identity.Actor;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Imports claims in bulk: each valid line becomes a claim exactly as a submission of its fields would (same
 * validation, language detection, stored row and {@code CLAIM_SUBMITTED} audit event, in the claim's transaction),
 * committed in chunks of {@link ImportConfig#chunkSize()} lines, each in a transaction of its own.
 *
 * <p>The body is read twice. The first pass only copies it to a temporary file while counting its lines, so that an
 * import with too many lines is refused (413) before anything is created, and the client's upload speed never holds a
 * transaction open. The second pass reads the file record by record; memory holds one chunk and the external ids seen
 * so far (a repeat within the file is a refused line), never the body.
 *
 * <p>A committed chunk stays committed whatever happens after (a crash, the database going away): the report is
 * answered only once every chunk has committed, and an import repeated after a failure reports the claims of its
 * committed chunks as existing, as long as its lines carry external ids. Lines without one are created again.
 *
 * <p>Unlike {@code POST /claims}, an import does not look for similar claims: that lookup only decorates the
 * submission's answer (it runs after the commit, one indexed query per claim, which would be a third of the import's
 * time), while what makes a claim findable by search and by the similar-claims lookup are the generated columns and
 * indexes of the claim row (see migrations V1, V12), which every imported row gets on insert.
 */
@ApplicationScoped
public class ClaimImportService {

    private static final Logger LOG = Logger.getLogger(ClaimImportService.class);
    /** Attempts at a chunk that a deadlock or serialization failure rolled back (the retry is harmless). */
    private static final int ATTEMPTS = 3;

    @Inject
    ImportConfig config;
    @Inject
    ClaimImportRepository repository;
    @Inject
    ClaimService claims;
    @Inject
    AuditTrail audit;
    @Inject
    Validator validator;

    /**
     * Imports the body's claims in the actor's name and reports each line's outcome. Runs outside any transaction
     * (each chunk commits on its own); 403 unless the policy lets the actor import, 413 over the line limit, 422 for a
     * CSV without a usable header row, 400 when the body breaks off.
     */
    public ImportReport importClaims(ImportFormat format, InputStream body, Actor actor) {
        ClaimPolicy.Decision decision = ClaimPolicy.decideImport(actor);
        if (!decision.allowed()) {
            throw new ProblemException(403, decision.type(), decision.title(), decision.detail());
        }
        Path spool = null;
        long started = System.nanoTime();
        try {
            spool = Files.createTempFile("factdesk-import-", ".body");
            spool(format, body, spool);
            long spooled = System.nanoTime();
            try (InputStream in = Files.newInputStream(spool)) {
                Timing timing = new Timing();
                ImportReport report = run(format, new RecordSplitter(in, format.quoted(), config.maxLineBytes()), actor,
                        timing);
                long done = System.nanoTime();
                LOG.infof("Import by %s: %d lines, %d created, %d existing, %d failed in %.1f s (receiving %.1f s, "
                        + "reading lines %.1f s, committing %.1f s beside it)", actor.name(), report.received(), report.created(),
                        report.existing(), report.failed(), (done - started) / 1e9, (spooled - started) / 1e9,
                        timing.parsing / 1e9, timing.committing / 1e9);
                if (report.created() >= config.analyzeAfter()) {
                    analyzeSoon();
                }
                return report;
            }
        } catch (IOException e) {
            LOG.warnf(e, "Import spool failed");
            throw new ProblemException(503, "service-unavailable", "Service unavailable",
                    "The import could not be staged just now; nothing was imported. Try again later.", Map.of(),
                    Map.of("Retry-After", "30"));
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    LOG.warnf(e, "Could not remove the import spool %s", spool);
                }
            }
        }
    }

    /** Whether an ANALYZE is waiting to run: imports ending meanwhile need no second one. */
    private final AtomicBoolean analyzeQueued = new AtomicBoolean();
    private final ExecutorService analyzer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "claim-import-analyze");
        t.setDaemon(true);
        return t;
    });

    /**
     * Refreshes the claim statistics beside the answer (ANALYZE takes most of a second at 100,000 claims), so that the
     * similar-claims lookup knows which stems the import made common; see {@link ImportConfig#analyzeAfter()}.
     */
    private void analyzeSoon() {
        if (analyzeQueued.compareAndSet(false, true)) {
            analyzer.execute(() -> {
                analyzeQueued.set(false);
                try {
                    repository.analyzeClaims();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Could not refresh the claim statistics after an import; autovacuum will");
                }
            });
        }
    }

    /** Copies the body to the file, counting its lines; refuses it (413) once it has more than the limit. */
    private void spool(ImportFormat format, InputStream body, Path file) throws IOException {
        ClientStream client = new ClientStream(body);
        long lines = 0;
        int max = config.maxLines();
        try (OutputStream out = Files.newOutputStream(file)) {
            RecordSplitter counter = new RecordSplitter(new Tee(client, out), format.quoted(), config.maxLineBytes());
            boolean header = format == ImportFormat.CSV;
            while (counter.next() != null) {
                if (header) {
                    header = false;
                } else if (++lines > max) {
                    // read the rest, so the client is told why rather than cut off while it still sends
                    client.transferTo(OutputStream.nullOutputStream());
                    throw new ProblemException(413, "too-many-lines", "Too many lines", "An import takes at most "
                            + max + " lines" + (format == ImportFormat.CSV ? " after the header row" : "")
                            + "; this one has more. Split it into several imports; nothing was imported.",
                            Map.of("maxLines", max), Map.of());
                }
            }
        } catch (ClientStream.Failure e) {
            throw new ProblemException(400, "import-interrupted", "Import interrupted",
                    "The body ended before it arrived whole; nothing was imported");
        }
    }

    /** Where an import's time went, for the log line that closes it. */
    private static final class Timing {
        long parsing;
        volatile long committing;
    }

    /** What one chunk's commit did: the stored lines and the lines the database refused. */
    private record Outcome(List<ClaimImportRepository.Stored> stored, List<ImportReport.LineError> refused) {
    }

    /**
     * Reads the lines on this thread while a second one commits the chunks already read, in order: reading (JSON,
     * validation, language detection) costs the JVM about as much CPU as a chunk's insert costs PostgreSQL, so on two
     * cores the two halves overlap instead of taking turns. At most {@link #IN_FLIGHT} chunks wait for their commit,
     * which bounds memory; the report is built on this thread from each commit's outcome, in chunk order.
     */
    private ImportReport run(ImportFormat format, RecordSplitter records, Actor actor, Timing timing)
            throws IOException {
        ImportReport.Builder report = new ImportReport.Builder(config.maxListed());
        LineParser parser = format == ImportFormat.CSV ? LineParser.csv(validator, records.next())
                : LineParser.ndjson(validator);
        Map<String, Long> firstLineOf = new HashMap<>();
        List<ClaimImportRepository.NewClaim> chunk = new ArrayList<>(config.chunkSize());
        ExecutorService committer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "claim-import-commit");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Outcome>> pending = new ArrayDeque<>();
        try {
            RecordSplitter.Raw raw;
            long mark = System.nanoTime();
            while ((raw = records.next()) != null) {
                report.received();
                LineParser.Parsed parsed = parser.parse(raw, config.maxLineBytes());
                if (parsed instanceof LineParser.Bad bad) {
                    report.failed(bad.line(), bad.problem());
                    continue;
                }
                ClaimLine line = ((LineParser.Good) parsed).claim();
                String externalId = line.key();
                if (externalId != null) {
                    Long first = firstLineOf.putIfAbsent(externalId, raw.line());
                    if (first != null) {
                        report.failed(raw.line(), "externalId: repeats the externalId of line " + first);
                        continue;
                    }
                }
                chunk.add(new ClaimImportRepository.NewClaim(raw.line(), claims.withLanguage(line.details()),
                        externalId));
                if (chunk.size() >= config.chunkSize()) {
                    timing.parsing += System.nanoTime() - mark;
                    submit(committer, pending, chunk, actor, timing, report);
                    chunk = new ArrayList<>(config.chunkSize());
                    mark = System.nanoTime();
                }
            }
            timing.parsing += System.nanoTime() - mark;
            submit(committer, pending, chunk, actor, timing, report);
            while (!pending.isEmpty()) {
                apply(pending.poll(), report);
            }
            return report.build();
        } finally {
            // after a failure nothing more commits: chunks not begun are dropped, the one committing finishes
            pending.forEach(f -> f.cancel(false));
            committer.shutdown();
            try {
                committer.awaitTermination(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final int IN_FLIGHT = 2;

    private void submit(ExecutorService committer, Deque<Future<Outcome>> pending,
            List<ClaimImportRepository.NewClaim> chunk, Actor actor, Timing timing, ImportReport.Builder report) {
        if (chunk.isEmpty()) {
            return;
        }
        while (pending.size() >= IN_FLIGHT) {
            apply(pending.poll(), report);
        }
        pending.add(committer.submit(() -> {
            long started = System.nanoTime();
            List<ImportReport.LineError> refused = new ArrayList<>();
            List<ClaimImportRepository.Stored> stored = new ArrayList<>(chunk.size());
            commit(chunk, actor, stored, refused);
            timing.committing += System.nanoTime() - started;
            return new Outcome(stored, refused);
        }));
    }

    private static void apply(Future<Outcome> future, ImportReport.Builder report) {
        Outcome outcome;
        try {
            outcome = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while an import chunk committed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        int created = 0;
        for (ClaimImportRepository.Stored s : outcome.stored()) {
            if (s.created()) {
                created++;
            } else {
                report.existing(s.claim().line(), s.claim().externalId(), s.claimId());
            }
        }
        report.created(created);
        outcome.refused().forEach(e -> report.failed(e.line(), e.problem()));
    }

    /**
     * Commits one chunk: its claims and their audit events in one transaction. A chunk the database refuses for one
     * line's data (a value no check here foresaw) is split in halves until that line stands alone and fails by
     * itself, so it never costs the others.
     */
    private void commit(List<ClaimImportRepository.NewClaim> chunk, Actor actor,
            List<ClaimImportRepository.Stored> stored, List<ImportReport.LineError> refused) {
        try {
            stored.addAll(inTransaction(chunk, actor));
        } catch (RuntimeException e) {
            if (!refusedData(e)) {
                throw e;
            }
            if (chunk.size() == 1) {
                LOG.debugf("Import line %d refused by the database: %s", chunk.get(0).line(), e.getMessage());
                refused.add(new ImportReport.LineError(chunk.get(0).line(),
                        "refused by the database (a value is out of its range)"));
                return;
            }
            int half = chunk.size() / 2;
            commit(chunk.subList(0, half), actor, stored, refused);
            commit(chunk.subList(half, chunk.size()), actor, stored, refused);
        }
    }

    private List<ClaimImportRepository.Stored> inTransaction(List<ClaimImportRepository.NewClaim> chunk, Actor actor) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    List<ClaimImportRepository.Stored> stored = repository.insert(actor.name(), chunk);
                    List<AuditTrail.First> events = new ArrayList<>(stored.size());
                    for (ClaimImportRepository.Stored s : stored) {
                        if (s.created()) {
                            events.add(new AuditTrail.First(s.claimId(), actor.name(),
                                    ClaimEvent.Submitted.of(s.claim().details())));
                        }
                    }
                    audit.recordFirstOfMany(events);
                    return stored;
                });
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !transientFailure(e)) {
                    throw e;
                }
                LOG.debugf("Import chunk rolled back (%s); attempt %d", e.getMessage(), attempt + 1);
            }
        }
    }

    private static boolean transientFailure(Throwable e) {
        String state = sqlState(e);
        return "40P01".equals(state) || "40001".equals(state);
    }

    /** Data exceptions (class 22) and integrity violations (23) other than the external id, which never reaches here. */
    private static boolean refusedData(Throwable e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }


    /** Writes what it reads to a file. */
    private static final class Tee extends FilterInputStream {
        private final OutputStream copy;

        Tee(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                copy.write(b, off, n);
            }
            return n;
        }
    }
}
