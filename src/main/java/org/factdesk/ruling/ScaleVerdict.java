package org.factdesk.ruling;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** One verdict of a rating scale version: key, label, optional ClaimReview number, description, retired flag. */
@Entity
@Immutable
@Table(name = "rating_verdict")
public class ScaleVerdict {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "scale_version")
    private RatingScale scale;
    private int position;
    private String key;
    private String label;
    private Integer value;
    private String description;
    private boolean retired;

    /** A verdict as given for a new scale version. */
    public record Spec(String key, String label, Integer value, String description, boolean retired) {
    }

    protected ScaleVerdict() {
    }

    ScaleVerdict(RatingScale scale, int position, Spec spec) {
        this.scale = scale;
        this.position = position;
        this.key = spec.key();
        this.label = spec.label();
        this.value = spec.value();
        this.description = spec.description();
        this.retired = spec.retired();
    }

    public int position() {
        return position;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The ClaimReview {@code ratingValue}; null for verdicts that publish without a number. */
    public Integer value() {
        return value;
    }

    public String description() {
        return description;
    }

    /** Retired verdicts stay known (old rulings keep them) but new rulings cannot choose them. */
    public boolean retired() {
        return retired;
    }

    public Spec spec() {
        return new Spec(key, label, value, description, retired);
    }
}
