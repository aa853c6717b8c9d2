package org.factdesk.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a creating endpoint as honouring {@code Idempotency-Key} (draft-ietf-httpapi-idempotency-key-header): see
 * {@link IdempotencyInterceptor}. The operation should also carry {@code @Operation(extensions = @Extension(name =
 * Idempotent.EXTENSION, value = "true"))}, from which the OpenAPI filter documents the header (the document is
 * generated from annotations the scanner reads, and this binding is not one of them).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Idempotent {

    /**
     * Whether a repeat must send the same arguments to be replayed (otherwise only method and target are compared).
     * Off for multipart uploads: clients pick a new boundary for every attempt, so the bytes of a faithful retry differ.
     */
    @jakarta.enterprise.util.Nonbinding
    boolean compareArguments() default true;

    /**
     * Whether the endpoint's service commits in steps of its own (it streams a body outside any transaction, then
     * commits). It then runs outside the key's transaction, which keeps holding the key meanwhile; the stored answer
     * commits just after the write, so such a service must make a repeat of its write harmless by its own means.
     */
    @jakarta.enterprise.util.Nonbinding
    boolean commitsInSteps() default false;

    /** The header a client sends. */
    String HEADER = "Idempotency-Key";
    /** The header on a response that is a stored one, not a new execution. */
    String REPLAYED = "Idempotent-Replayed";
    /** The OpenAPI extension that marks an idempotent operation. */
    String EXTENSION = "x-idempotent";
}
