/**
 * Signed webhooks: {@link org.factdesk.webhook.WebhookFollower} turns audit events into deliveries as the audit feed
 * passes them (so only committed events, never lost to a crash), {@link org.factdesk.webhook.Deliveries} keeps the
 * queue and log in PostgreSQL where every instance shares it, and {@link org.factdesk.webhook.WebhookDispatcher}
 * sends them per Standard Webhooks 1.0 with retries, to targets {@link org.factdesk.webhook.TargetPolicy} admits.
 * Sits above every feature whose events it delivers.
 */
package org.factdesk.webhook;
