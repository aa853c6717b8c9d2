/** HTTP access to claim histories, chain verification and the audit feed. */
package org.factdesk.audit.web;
