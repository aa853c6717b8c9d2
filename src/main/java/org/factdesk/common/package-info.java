/** Cross-cutting building blocks: problems, versions, cursors, time and the embedded database. */
package org.factdesk.common;
