/** Factdesk: a fact-check workflow service for newsrooms. */
package org.factdesk;
