package org.factdesk.ruling;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.common.AuditTrail;
import org.factdesk.common.ProblemException;
import org.factdesk.common.ProblemException.FieldError;
import org.factdesk.common.Preconditions.IfMatch;

/** Reads rating scale versions and creates new ones (rename, retire, add verdicts); each change audited. */
@ApplicationScoped
public class RatingScaleService {

    /** Advisory lock class serialising new scale versions. */
    private static final int SCALE_LOCK_CLASS = org.factdesk.common.AdvisoryLocks.RATING_SCALE;
    static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,39}$");

    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;

    @Transactional
    public RatingScale current() {
        Integer latest = em.createQuery("SELECT max(s.version) FROM RatingScale s", Integer.class).getSingleResult();
        if (latest == null) {
            throw new IllegalStateException("no rating scale: migration V4 not applied");
        }
        return version(latest);
    }

    @Transactional
    public RatingScale version(int version) {
        RatingScale scale = em.find(RatingScale.class, version);
        if (scale == null) {
            throw ProblemException.notFound("Rating scale version", version);
        }
        scale.verdicts().size();
        return scale;
    }

    /** Every version, newest first. */
    @Transactional
    public List<RatingScale> versions() {
        return em.createQuery("SELECT DISTINCT s FROM RatingScale s LEFT JOIN FETCH s.verdicts ORDER BY s.version DESC",
                RatingScale.class).getResultList();
    }

    /**
     * Creates the next scale version from the given verdicts (in order). Keys of the current version cannot be
     * removed (retire them instead) and keep their number; labels may be renamed. Returns the current version
     * unchanged when nothing differs.
     */
    @Transactional
    public RatingScale replace(IfMatch ifMatch, List<ScaleVerdict.Spec> specs, String actor) {
        // the two-key form: a key space apart from the audit log's single-key locks on claim ids
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(?1, ?2) AS text)").setParameter(1, SCALE_LOCK_CLASS)
                .setParameter(2, 1).getSingleResult();
        RatingScale current = current();
        ifMatch.check(current.version());
        List<ScaleVerdict.Spec> next = validate(current, specs);
        List<ScaleVerdict.Spec> before = current.verdicts().stream().map(ScaleVerdict::spec).toList();
        if (before.equals(next)) {
            return current;
        }
        RatingScale scale = new RatingScale(current.version() + 1, next, actor);
        em.persist(scale);
        em.flush();
        audit.record(null, actor, changes(current, scale));
        return scale;
    }

    private static List<ScaleVerdict.Spec> validate(RatingScale current, List<ScaleVerdict.Spec> specs) {
        List<FieldError> errors = new ArrayList<>();
        if (specs == null || specs.isEmpty() || specs.size() > 50) {
            throw ProblemException.unprocessable("verdicts", "must list 1 to 50 verdicts");
        }
        List<ScaleVerdict.Spec> cleaned = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            ScaleVerdict.Spec s = specs.get(i);
            String f = "verdicts[" + i + "]";
            if (s == null) {
                errors.add(new FieldError(f, "must not be null"));
                continue;
            }
            String key = s.key() == null ? "" : s.key().strip();
            String label = s.label() == null ? "" : s.label().strip();
            String description = s.description() == null || s.description().isBlank() ? null : s.description().strip();
            if (!KEY.matcher(key).matches()) {
                errors.add(new FieldError(f + ".key", "1-40 chars: a lowercase letter, then lowercase letters, digits or _"));
            } else if (!keys.add(key)) {
                errors.add(new FieldError(f + ".key", "duplicate key '" + key + "'"));
            }
            if (label.isEmpty() || label.length() > 60) {
                errors.add(new FieldError(f + ".label", "must be 1-60 characters"));
            } else if (!s.retired() && !labels.add(label.toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError(f + ".label", "duplicate label '" + label + "' among verdicts in use"));
            }
            if (s.value() != null && (s.value() < 0 || s.value() > 100)) {
                errors.add(new FieldError(f + ".value", "must be between 0 and 100, or null for a verdict without a number"));
            }
            if (description != null && description.length() > 500) {
                errors.add(new FieldError(f + ".description", "must be at most 500 characters"));
            }
            var old = current.verdict(key);
            if (old.isPresent() && !Objects.equals(old.get().value(), s.value())) {
                errors.add(new FieldError(f + ".value", "verdict '" + key + "' keeps its number " + old.get().value()
                        + "; add a new verdict for a different value"));
            }
            cleaned.add(new ScaleVerdict.Spec(key, label, s.value(), description, s.retired()));
        }
        for (ScaleVerdict v : current.verdicts()) {
            if (!keys.contains(v.key())) {
                errors.add(new FieldError("verdicts", "verdict '" + v.key()
                        + "' is missing: verdicts are never removed (published rulings use them); retire it instead"));
            }
        }
        if (cleaned.stream().allMatch(ScaleVerdict.Spec::retired)) {
            errors.add(new FieldError("verdicts", "at least one verdict must be in use (not retired)"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return cleaned;
    }

    private static RulingEvent.ScaleChanged changes(RatingScale from, RatingScale to) {
        List<RulingEvent.Renamed> renamed = new ArrayList<>();
        List<String> retired = new ArrayList<>();
        List<String> restored = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<RulingEvent.Verdict> verdicts = new ArrayList<>();
        for (ScaleVerdict v : to.verdicts()) {
            var old = from.verdict(v.key());
            if (old.isEmpty()) {
                added.add(v.key());
            } else {
                if (!old.get().label().equals(v.label())) {
                    renamed.add(new RulingEvent.Renamed(v.key(), old.get().label(), v.label()));
                }
                if (!old.get().retired() && v.retired()) {
                    retired.add(v.key());
                } else if (old.get().retired() && !v.retired()) {
                    restored.add(v.key());
                }
            }
            verdicts.add(new RulingEvent.Verdict(v.key(), v.label(), v.value(), v.description(), v.retired()));
        }
        return new RulingEvent.ScaleChanged(to.version(), from.version(), added, renamed, retired, restored, verdicts);
    }
}
