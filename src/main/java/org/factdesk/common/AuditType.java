package org.factdesk.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the stored type of an {@link AuditRecord} and who may read it in a claim's history. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AuditType {

    /** The type as stored and hashed, e.g. {@code CLAIM_SUBMITTED}; never rename one that has been written. */
    String value();

    Audience audience() default Audience.STAFF;
}
