/** HTTP endpoints and request/response records for comments. */
package org.factdesk.comment.web;
