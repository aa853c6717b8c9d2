/** Webhook endpoints, secrets and the delivery log over HTTP, for administrators. */
package org.factdesk.webhook.web;
