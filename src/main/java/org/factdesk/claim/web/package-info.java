/** HTTP endpoints and request/response records for claims. */
package org.factdesk.claim.web;
