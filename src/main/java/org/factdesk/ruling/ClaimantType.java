package org.factdesk.ruling;

/** Who made a claim, as the ClaimReview's {@code itemReviewed.author} type. */
public enum ClaimantType {
    /** A person ({@code schema.org/Person}). */
    PERSON,
    /** An organisation, government body or outlet ({@code schema.org/Organization}). */
    ORGANIZATION
}
