/** The append-only audit log: one SHA-256 hash chain per claim and one for the system. */
package org.factdesk.audit;
