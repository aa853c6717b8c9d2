/** Evidence attached to claims: uploaded files (bytes kept with their SHA-256) and links. */
package org.factdesk.evidence;
