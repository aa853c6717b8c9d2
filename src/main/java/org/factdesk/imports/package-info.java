/**
 * Bulk import of claims (NDJSON or CSV, up to 100,000 lines): each line a claim as a submission would make it, with an
 * optional external id that makes a repeat harmless; committed in chunks, each claim audited like a submission.
 */
package org.factdesk.imports;
