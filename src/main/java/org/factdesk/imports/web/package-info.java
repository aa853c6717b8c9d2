/** HTTP endpoint and report records of the bulk claim import. */
package org.factdesk.imports.web;
