/** Users, roles, browser sessions, API keys and how requests are authenticated. */
package org.factdesk.identity;
