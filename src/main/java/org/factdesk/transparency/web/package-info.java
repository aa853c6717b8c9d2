/**
 * The transparency log's HTTP face: public checkpoints, keys, proofs and leaves (no sign-in, nothing that names
 * staff), and the administrators' "checkpoint now".
 */
package org.factdesk.transparency.web;
