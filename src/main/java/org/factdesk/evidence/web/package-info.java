/** HTTP endpoints and request/response records for evidence: uploads, links, safe downloads, verification. */
package org.factdesk.evidence.web;
