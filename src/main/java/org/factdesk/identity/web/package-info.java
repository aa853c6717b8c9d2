/** HTTP endpoints for sign-in, users and API keys, plus the CSRF origin check. */
package org.factdesk.identity.web;
