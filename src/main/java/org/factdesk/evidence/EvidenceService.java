package org.factdesk.evidence;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.audit.AuditLog;
import org.factdesk.claim.Claim;
import org.factdesk.claim.ClaimService;
import org.factdesk.claim.ClaimStatus;
import org.factdesk.common.ProblemException;
import org.factdesk.evidence.CitedEvidence.Kind;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Evidence on claims: links and uploaded files (bytes stored with their SHA-256), retraction and integrity checks.
 * Every change is audited on the claim's chain in the same transaction.
 */
@ApplicationScoped
public class EvidenceService {

    /** Statuses in which evidence may be added or retracted. */
    static final Set<ClaimStatus> OPEN = EnumSet.of(ClaimStatus.RESEARCHING, ClaimStatus.IN_REVIEW);

    @Inject
    EvidenceRepository evidence;
    @Inject
    EvidenceStorage storage;
    @Inject
    ContentTypes contentTypes;
    @Inject
    EvidenceConfig config;
    @Inject
    ClaimService claims;
    @Inject
    AuditLog audit;

    /** A file received from a client, already on local disk. */
    public record Upload(Path file, String fileName, Stance stance, String note) {
    }

    /** The evidence item an add produced, and whether it is new ({@code false}: the same bytes were there). */
    public record Added(Evidence evidence, boolean created) {
    }

    /** What a download needs to know before streaming the bytes. */
    public record Content(String storageKey, String fileName, String contentType, long size, String sha256) {
    }

    /** The result of recomputing a file's hash from the stored bytes. */
    public record Verification(String sha256, boolean matches) {
    }

    @Transactional
    public Added addLink(long claimId, Evidence.LinkDetails link, Stance stance, String note, CurrentUser user) {
        requireResearcher(user);
        Claim claim = claims.lockForWrite(claimId);
        requireOpen(claim, "add evidence to");
        Evidence e = Evidence.link(claimId, link, stance, note, user.name());
        evidence.persistAndFlush(e);
        Map<String, Object> data = base(e);
        data.put("url", link.url());
        data.put("title", link.title());
        data.put("publisher", link.publisher());
        data.put("accessedAt", link.accessedAt() == null ? null : link.accessedAt().toString());
        data.put("archiveUrl", link.archiveUrl());
        audit.record(claimId, "EVIDENCE_ADDED", user.name(), data);
        return new Added(e, true);
    }

    /**
     * Adds an uploaded file. The claim (404, 409), size (413) and type (415) are checked before anything is stored;
     * the bytes are then copied into storage while hashing, and only at the end is the claim locked, briefly, to add
     * the row and the audit event, so concurrent uploads to one claim do not wait for each other's copying. The same
     * bytes already on the claim give back the existing item and store nothing.
     */
    public Added addFile(long claimId, Upload upload, CurrentUser user) {
        requireResearcher(user);
        QuarkusTransaction.requiringNew().run(() -> requireOpen(claims.get(claimId), "add evidence to"));
        long size;
        try {
            size = Files.size(upload.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long max = config.maxSize().asLongValue();
        if (size > max) {
            throw ProblemException.payloadTooLarge("The file has " + size + " bytes; the limit is " + max + " bytes");
        }
        if (size == 0) {
            throw ProblemException.unprocessable("file", "must not be empty");
        }
        String contentType;
        try {
            contentType = contentTypes.detect(upload.file(), upload.fileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!contentTypes.allowed(contentType)) {
            throw ProblemException.unsupportedMediaType("Files of type " + contentType
                    + " (detected from the content) are not accepted; allowed: "
                    + contentTypes.allowedTypes().stream().sorted().toList());
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> store(claimId, upload, contentType, size, user));
        } catch (AlreadyAttached e) {
            return new Added(e.existing, false);
        }
    }

    /** Rolls back the bytes just stored when the claim already has them. */
    private static final class AlreadyAttached extends RuntimeException {
        private final transient Evidence existing;

        AlreadyAttached(Evidence existing) {
            super(null, null, false, false);
            this.existing = existing;
        }
    }

    private Added store(long claimId, Upload upload, String contentType, long expectedSize, CurrentUser user) {
        EvidenceStorage.Stored stored;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(upload.file()), 64 * 1024)) {
            stored = storage.store(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (stored.size() != expectedSize) {
            throw new IllegalStateException("the upload changed while it was stored");
        }
        Claim claim = claims.lockForWrite(claimId);
        requireOpen(claim, "add evidence to");
        var existing = evidence.findBySha256(claimId, stored.sha256());
        if (existing.isPresent()) {
            throw new AlreadyAttached(existing.get());
        }
        String fileName = FileNames.sanitize(upload.fileName(), "evidence");
        Evidence e = Evidence.file(claimId, new Evidence.FileDetails(stored.key(), fileName,
                FileNames.original(upload.fileName()), contentType, stored.size(), stored.sha256()),
                upload.stance(), upload.note(), user.name());
        evidence.persistAndFlush(e);
        Map<String, Object> data = base(e);
        data.put("sha256", stored.sha256());
        data.put("size", stored.size());
        data.put("contentType", contentType);
        data.put("fileName", fileName);
        data.put("originalFileName", e.originalFileName());
        audit.record(claimId, "EVIDENCE_ADDED", user.name(), data);
        return new Added(e, true);
    }

    @Transactional
    public Evidence retract(long id, String reason, CurrentUser user) {
        requireResearcher(user);
        Evidence found = evidence.findById(id);
        if (found == null) {
            throw ProblemException.notFound("Evidence", id);
        }
        if (!user.has(Role.EDITOR) && !user.name().equals(found.addedBy())) {
            throw ProblemException.forbidden("Only an editor or the fact-checker who added it may retract evidence");
        }
        Claim claim = claims.lockForWrite(found.claimId());
        requireOpen(claim, "retract evidence of");
        Evidence e = found;
        evidence.getEntityManager().refresh(e);
        if (e.retracted()) {
            throw ProblemException.conflict("Already retracted",
                    "Evidence " + id + " was retracted by " + e.retractedBy() + " at " + e.retractedAt());
        }
        e.retract(reason, user.name());
        evidence.flush();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("evidenceId", e.id());
        data.put("kind", e.kind().name());
        data.put("sha256", e.sha256());
        data.put("url", e.url());
        data.put("reason", reason);
        audit.record(e.claimId(), "EVIDENCE_RETRACTED", user.name(), data);
        return e;
    }

    @Transactional
    public List<Evidence> list(long claimId, CurrentUser user) {
        requireReader(claims.get(claimId), user);
        return evidence.listByClaim(claimId);
    }

    @Transactional
    public Evidence get(long id, CurrentUser user) {
        Evidence e = evidence.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Evidence", id);
        }
        requireReader(claims.get(e.claimId()), user);
        return e;
    }

    /** Checks that the caller may read the file and returns what the download needs (404 for links). */
    @Transactional
    public Content content(long id, CurrentUser user) {
        Evidence e = get(id, user);
        if (e.kind() != Kind.FILE) {
            throw new ProblemException(404, "not-found", "Not found",
                    "Evidence " + id + " is a link and has no stored content");
        }
        return new Content(e.storageKey(), e.fileName(), e.contentType(), e.size(), e.sha256());
    }

    /** Recomputes a file's SHA-256 from the stored bytes and compares it with the one recorded at upload. */
    public Verification verify(long id, CurrentUser user) {
        Content c = content(id, user);
        try {
            String actual = storage.sha256(c.storageKey());
            return new Verification(actual, actual.equals(c.sha256()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes part of a file's stored bytes; call after {@link #content} has checked access. */
    public void copy(Content content, long offset, long length, java.io.OutputStream out) throws IOException {
        storage.read(content.storageKey(), offset, length, out);
    }

    /** The evidence items with these ids that exist (rulings check gates and provenance with them). */
    @Transactional
    public List<CitedEvidence> cited(Collection<Long> evidenceIds) {
        if (evidenceIds == null || evidenceIds.isEmpty()) {
            return List.of();
        }
        return evidence.listByIds(evidenceIds).stream().map(Evidence::cited).toList();
    }

    private static Map<String, Object> base(Evidence e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("evidenceId", e.id());
        data.put("kind", e.kind().name());
        data.put("stance", e.stance().name());
        data.put("note", e.note());
        return data;
    }

    private static void requireResearcher(CurrentUser user) {
        user.require("Only fact-checkers and editors may add or retract evidence", Role.FACT_CHECKER, Role.EDITOR);
    }

    private static void requireOpen(Claim claim, String what) {
        if (!OPEN.contains(claim.status())) {
            throw ProblemException.conflict("Claim is not being researched",
                    "Cannot " + what + " a " + claim.status() + " claim; evidence changes while it is "
                            + OPEN.stream().map(Enum::name).sorted().toList(),
                    Map.of("status", claim.status().name()));
        }
    }

    /** Contributors see the evidence of claims they submitted; every other role sees all. */
    static void requireReader(Claim claim, CurrentUser user) {
        if (user.hasAny(Role.FACT_CHECKER, Role.EDITOR, Role.ADMIN, Role.AUDITOR)) {
            return;
        }
        if (!user.name().equals(claim.submittedBy())) {
            throw ProblemException.forbidden("Contributors see evidence only on claims they submitted");
        }
    }
}
