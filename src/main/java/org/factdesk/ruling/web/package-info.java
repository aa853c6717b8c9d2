/** HTTP endpoints and request/response records for rulings, the rating scale, public claim reviews and exports. */
package org.factdesk.ruling.web;
