/** Similar-claim matching: finds claims that say much the same as a text, from the full-text index, scored on trigram similarity and shared stems. */
package org.factdesk.matching;
