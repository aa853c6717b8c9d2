package org.factdesk.ruling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.factdesk.common.Clock;
import org.hibernate.annotations.Immutable;

/** One version of the rating scale: its ordered verdicts; never changed once written (a new version replaces it). */
@Entity
@Immutable
@Table(name = "rating_scale")
public class RatingScale {

    @Id
    private int version;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @OneToMany(mappedBy = "scale", cascade = CascadeType.PERSIST)
    @OrderBy("position")
    private List<ScaleVerdict> verdicts = new ArrayList<>();

    protected RatingScale() {
    }

    RatingScale(int version, List<ScaleVerdict.Spec> specs, String createdBy) {
        this.version = version;
        this.createdAt = Clock.now();
        this.createdBy = createdBy;
        int position = 1;
        for (ScaleVerdict.Spec spec : specs) {
            verdicts.add(new ScaleVerdict(this, position++, spec));
        }
    }

    public int version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public List<ScaleVerdict> verdicts() {
        return List.copyOf(verdicts);
    }

    public Optional<ScaleVerdict> verdict(String key) {
        return verdicts.stream().filter(v -> v.key().equals(key)).findFirst();
    }

    /** The highest numeric value among the verdicts in use, if any verdict is numeric. */
    public Integer bestRating() {
        return verdicts.stream().filter(v -> !v.retired() && v.value() != null).map(ScaleVerdict::value)
                .max(Integer::compare).orElse(null);
    }

    /** The lowest numeric value among the verdicts in use, if any verdict is numeric. */
    public Integer worstRating() {
        return verdicts.stream().filter(v -> !v.retired() && v.value() != null).map(ScaleVerdict::value)
                .min(Integer::compare).orElse(null);
    }
}
