/** HTTP plumbing shared by all resources: problem+json mapping and the OpenAPI error model. */
package org.factdesk.common.web;
