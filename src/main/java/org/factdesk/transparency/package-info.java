/**
 * The transparency log (issue 12): every audit event as a leaf of one RFC 9162 Merkle tree, so that outsiders holding
 * a signed checkpoint can check that no history was rewritten or cut off. So far the tree's math (roots, inclusion
 * and consistency proofs, their verification); the log itself, checkpoints and the public endpoints build on it.
 */
package org.factdesk.transparency;
