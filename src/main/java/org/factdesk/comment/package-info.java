/** Reviewer comments on claims: threaded discussion with mentions, edits, tombstones and resolution. */
package org.factdesk.comment;
