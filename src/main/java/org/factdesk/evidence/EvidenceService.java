package org.factdesk.evidence;

import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.claim.Claim;
import org.factdesk.claim.ClaimService;
import org.factdesk.claim.ClaimAction;
import org.factdesk.claim.ClaimPolicy;
import org.factdesk.common.AuditTrail;
import org.factdesk.common.ProblemException;
import org.factdesk.evidence.CitedEvidence.Kind;
import org.factdesk.identity.Actor;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Evidence on claims: links and uploaded files (bytes stored with their SHA-256), retraction and integrity checks.
 * Every change is audited on the claim's chain in the same transaction.
 */
@ApplicationScoped
public class EvidenceService {

    @Inject
    EvidenceRepository evidence;
    @Inject
    ConfiguredEvidenceStorage storage;
    @Inject
    FileIntake intakes;
    @Inject
    ClaimService claims;
    @Inject
    AuditTrail audit;

    /** What the client said about an uploaded file. */
    record Upload(String fileName, Stance stance, String note) {
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
    public Added addLink(long claimId, Evidence.LinkDetails link, Stance stance, String note, Actor actor) {
        claims.lockForWrite(claimId, actor, ClaimAction.ADD_EVIDENCE);
        Evidence e = Evidence.link(claimId, link, stance, note, actor.name());
        evidence.persistAndFlush(e);
        audit.record(claimId, actor.name(), new EvidenceEvent.LinkAdded(e.id(), e.kind().name(), e.stance().name(),
                e.note(), link.url(), link.title(), link.publisher(),
                link.accessedAt() == null ? null : link.accessedAt().toString(), link.archiveUrl()));
        return new Added(e, true);
    }

    /**
     * Adds an uploaded file as it arrives. The claim (404, 409) is checked before the body is read; the type (415) is
     * detected from the first bytes and the size (413) enforced while the bytes are copied into storage with their
     * hash; only then is the claim locked, briefly, to make the staged bytes permanent and add the row and the audit
     * event, so concurrent uploads to one claim do not wait for each other's copying. The same bytes already on the
     * claim give back the existing item and keep nothing new. Whatever happens, staged bytes are released.
     */
    public Added addFile(long claimId, UploadForm form, Actor actor) {
        QuarkusTransaction.requiringNew().run(() -> claims.get(claimId, actor, ClaimAction.ADD_EVIDENCE));
        FileIntake.Intake intake = null;
        try {
            Optional<UploadForm.FilePart> file = form.file();
            if (file.isPresent()) {
                intake = intakes.stage(file.get());
            }
            UploadForm.Details details = form.details(file.isPresent());
            Upload upload = new Upload(file.get().fileName(), details.stance(), details.note());
            FileIntake.Intake staged = intake;
            return QuarkusTransaction.requiringNew().call(() -> store(claimId, upload, staged, actor));
        } catch (AlreadyAttached e) {
            return new Added(e.existing, false);
        } finally {
            if (intake != null) {
                storage.release(intake.staged());
            }
        }
    }

    /** Keeps nothing new when the claim already has these bytes. */
    private static final class AlreadyAttached extends RuntimeException {
        private final transient Evidence existing;

        AlreadyAttached(Evidence existing) {
            super(null, null, false, false);
            this.existing = existing;
        }
    }

    private Added store(long claimId, Upload upload, FileIntake.Intake intake, Actor actor) {
        claims.lockForWrite(claimId, actor, ClaimAction.ADD_EVIDENCE);
        var existing = evidence.findBySha256(claimId, intake.staged().sha256());
        if (existing.isPresent()) {
            throw new AlreadyAttached(existing.get());
        }
        EvidenceStorage.Stored stored;
        try {
            stored = storage.commit(intake.staged());
        } catch (IOException e) {
            throw FileIntake.unavailable(e);
        }
        String contentType = intake.contentType();
        String fileName = FileNames.sanitize(upload.fileName(), "evidence");
        Evidence e = Evidence.file(claimId, new Evidence.FileDetails(stored.key(), fileName,
                FileNames.original(upload.fileName()), contentType, stored.size(), stored.sha256()),
                upload.stance(), upload.note(), actor.name());
        evidence.persistAndFlush(e);
        audit.record(claimId, actor.name(), new EvidenceEvent.FileAdded(e.id(), e.kind().name(), e.stance().name(),
                e.note(), stored.sha256(), stored.size(), contentType, fileName, e.originalFileName()));
        return new Added(e, true);
    }

    @Transactional
    public Evidence retract(long id, String reason, Actor actor) {
        Evidence found = evidence.findById(id);
        if (found == null) {
            throw ProblemException.notFound("Evidence", id);
        }
        Claim claim = claims.lockForWrite(found.claimId(), actor, ClaimAction.READ_EVIDENCE);
        Evidence e = found;
        evidence.getEntityManager().refresh(e);
        ClaimService.refuseUnless(ClaimPolicy.decideEvidence(ClaimPolicy.Facts.of(claim), actor, e.addedBy(),
                e.retracted()), claim.id(), ClaimPolicy.Facts.of(claim));
        e.retract(reason, actor.name());
        evidence.flush();
        audit.record(e.claimId(), actor.name(), new EvidenceEvent.Retracted(e.id(), e.kind().name(), e.sha256(),
                e.url(), reason));
        return e;
    }

    @Transactional
    public List<Evidence> list(long claimId, Actor actor) {
        claims.get(claimId, actor, ClaimAction.READ_EVIDENCE);
        return evidence.listByClaim(claimId);
    }

    @Transactional
    public Evidence get(long id, Actor actor) {
        Evidence e = evidence.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Evidence", id);
        }
        try {
            claims.get(e.claimId(), actor, ClaimAction.READ_EVIDENCE);
        } catch (ProblemException hidden) {
            // evidence of a claim the caller may not see does not exist for them either
            throw hidden.status() == 404 ? ProblemException.notFound("Evidence", id) : hidden;
        }
        return e;
    }

    /** What the caller may do with each of these items (for views). */
    @Transactional
    public Map<Long, Set<ClaimPolicy.ItemAction>> allowedActions(long claimId, List<Evidence> items, Actor actor) {
        ClaimPolicy.Facts facts = ClaimPolicy.Facts.of(claims.get(claimId, actor));
        Map<Long, Set<ClaimPolicy.ItemAction>> out = new java.util.HashMap<>();
        for (Evidence e : items) {
            out.put(e.id(), ClaimPolicy.evidenceActions(facts, actor, e.addedBy(), e.retracted()));
        }
        return out;
    }

    /** Checks that the caller may read the file and returns what the download needs (404 for links). */
    @Transactional
    public Content content(long id, Actor actor) {
        Evidence e = get(id, actor);
        if (e.kind() != Kind.FILE) {
            throw new ProblemException(404, "not-found", "Not found",
                    "Evidence " + id + " is a link and has no stored content");
        }
        return new Content(e.storageKey(), e.fileName(), e.contentType(), e.size(), e.sha256());
    }

    /** Recomputes a file's SHA-256 from the stored bytes and compares it with the one recorded at upload. */
    public Verification verify(long id, Actor actor) {
        Content c = content(id, actor);
        try {
            String actual = storage.sha256(c.storageKey());
            return new Verification(actual, actual.equals(c.sha256()));
        } catch (NoSuchFileException e) {
            return new Verification(null, false);
        } catch (IOException e) {
            throw FileIntake.unavailable(e);
        }
    }

    /** A short-lived URL to the bytes in the bucket, when allowed; call after {@link #content} has checked access. */
    public Optional<URI> presignedDownload(Content content, String contentDisposition) {
        return storage.presignedDownload(content.storageKey(), contentDisposition, content.contentType());
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

}
