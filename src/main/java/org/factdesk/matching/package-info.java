/** Similar-claim matching: finds claims that say much the same as a text, from PostgreSQL trigram and full-text indexes. */
package org.factdesk.matching;
