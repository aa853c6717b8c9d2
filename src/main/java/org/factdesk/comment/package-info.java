/** Comments (temporary stand-in). */
package org.factdesk.comment;
