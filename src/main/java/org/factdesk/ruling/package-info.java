/** Rulings: the rating scale, drafts, four-eyes approval, corrections, provenance and ClaimReview publishing. */
package org.factdesk.ruling;
