/**
 * The transparency log: every audit event, in the feed's commit-safe order, is a leaf of one append-only RFC 9162
 * Merkle tree ({@link org.factdesk.transparency.TreeStore}, filled behind the writers by
 * {@link org.factdesk.transparency.TransparencyFollower}), and {@link org.factdesk.transparency.TransparencyLog}
 * signs C2SP checkpoints of it with an Ed25519 key that never enters the database. Outsiders who kept an earlier
 * checkpoint check that no history was rewritten or cut off with the public proofs, for instance with
 * {@code tools/verify-log}. Sits above the audit log and implements its {@link org.factdesk.audit.LogInclusion}, which
 * published rulings use to carry an inclusion proof of their approval event.
 */
package org.factdesk.transparency;
