/** Claims and their workflow from submission to rating or dismissal. */
package org.factdesk.claim;
