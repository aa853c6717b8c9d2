package org.factdesk.common;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code Idempotency-Key} for creating endpoints (draft-ietf-httpapi-idempotency-key-header). The first request with a
 * key runs; a repeat from the same caller with the same request gets the stored response (same status, headers that
 * matter and body, plus {@code Idempotent-Replayed: true}); a repeat with another request is a 422, and a repeat
 * while the first still runs is a 409.
 *
 * <p>The endpoint runs inside a transaction begun here, which the services' own {@code @Transactional} methods join,
 * so the stored response commits with the write it describes: a crash can lose both, never only the response (which
 * would make a retry create a second claim). That costs a creating request two statements: one before (takes the
 * key, finds a stored response) and one insert in its commit; a duplicate that slipped past the first is rolled back
 * by the second (see {@link IdempotencyKeys#begin}). An endpoint whose service commits in steps of its own
 * ({@link Idempotent#commitsInSteps()}: a streamed file upload, an import in chunks) runs with that transaction
 * suspended, still holding the key; a crash between its commit and the stored answer is covered by its own means:
 * evidence keeps one item per content hash, imports one claim per external id.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

    /** Longer than any body upload may take: the transaction holds nothing until its last statement. */
    private static final int TIMEOUT_SECONDS = 3600;

    @Inject
    IdempotencyKeys keys;
    @Inject
    SecurityIdentity identity;
    @Inject
    HttpServerRequest request;
    @Inject
    ObjectMapper json;

    /** Ends the transaction without keeping anything when the key turned out to be taken. */
    private static final class Taken extends RuntimeException {
        private final transient IdempotencyKeys.Lookup lookup;

        Taken(IdempotencyKeys.Lookup lookup) {
            super(null, null, false, false);
            this.lookup = lookup;
        }
    }

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        Optional<String> key = IdempotencyKeys.parse(request.headers().getAll(Idempotent.HEADER));
        if (key.isEmpty() || identity.isAnonymous()) {
            return ctx.proceed();
        }
        String caller = identity.getPrincipal().getName();
        Idempotent binding = ctx.getMethod().getAnnotation(Idempotent.class);
        Fingerprint fingerprint = new Fingerprint(request.method().name(), request.uri(),
                ctx.getParameters(), binding == null || binding.compareArguments(), json);
        ctx.setParameters(fingerprint.parameters());
        try {
            return QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).call(() -> {
                boolean inSteps = binding != null && binding.commitsInSteps();
                IdempotencyKeys.Lookup lookup = keys.begin(caller, key.get(), !inSteps);
                if (!(lookup instanceof IdempotencyKeys.Free)) {
                    throw new Taken(lookup);
                }
                Object result = inSteps ? QuarkusTransaction.suspendingExisting().call(ctx::proceed) : ctx.proceed();
                if (!(result instanceof Response response) || response.getStatus() < 200 || response.getStatus() > 299) {
                    return result;
                }
                IdempotencyKeys.Stored stored = store(response, fingerprint.digest());
                Optional<IdempotencyKeys.Stored> earlier = keys.complete(caller, key.get(), stored);
                if (earlier.isPresent()) {
                    throw new Taken(new IdempotencyKeys.Completed(earlier.get())); // rolls this request's write back
                }
                return answer(stored, false);
            });
        } catch (Taken t) {
            return replay(t.lookup, fingerprint);
        } catch (QuarkusTransactionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private Response replay(IdempotencyKeys.Lookup lookup, Fingerprint fingerprint) throws java.io.IOException {
        if (lookup instanceof IdempotencyKeys.Completed done) {
            if (!Arrays.equals(done.response().fingerprint(), fingerprint.digest())) {
                throw new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
                        "This Idempotency-Key was used for a different request; send a new key for a new request",
                        Map.of("errors", List.of(new ProblemException.FieldError(Idempotent.HEADER,
                                "already used for a different request"))), Map.of());
            }
            return answer(done.response(), true);
        }
        throw new ProblemException(409, "idempotency-key-in-use", "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry after it completes",
                Map.of(), Map.of("Retry-After", "1"));
    }

    /** The response as bytes, so the first answer and every replay are the same bytes. */
    private IdempotencyKeys.Stored store(Response response, byte[] fingerprint) throws Exception {
        Object entity = response.getEntity();
        byte[] body = entity == null ? null
                : entity instanceof byte[] b ? b
                : entity instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                : json.writeValueAsBytes(entity);
        MediaType type = response.getMediaType();
        String contentType = entity == null ? null : type != null ? type.toString() : MediaType.APPLICATION_JSON;
        return new IdempotencyKeys.Stored(fingerprint, response.getStatus(), response.getHeaderString(HttpHeaders.LOCATION),
                response.getHeaderString(HttpHeaders.ETAG), contentType, body);
    }

    private static Response answer(IdempotencyKeys.Stored stored, boolean replayed) {
        Response.ResponseBuilder b = Response.status(stored.status());
        if (stored.body() != null) {
            b.entity(stored.body()).type(stored.contentType());
        }
        if (stored.location() != null) {
            b.header(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            b.header(HttpHeaders.ETAG, stored.etag());
        }
        if (replayed) {
            b.header(Idempotent.REPLAYED, "true");
        }
        return b.build();
    }

    /**
     * What makes two requests the same: method, target and every argument of the endpoint (the parsed body, headers
     * it reads such as If-Match); a streamed body counts by the SHA-256 of its bytes, read to the end if the endpoint
     * did not (a replay, which never runs the endpoint).
     */
    private static final class Fingerprint {
        private final String head;
        private final Object[] parameters;
        private final boolean compared;
        private final ObjectMapper json;

        Fingerprint(String method, String target, Object[] arguments, boolean compared, ObjectMapper json) {
            this.head = method + " " + target;
            this.json = json;
            this.compared = compared;
            parameters = arguments.clone();
            for (int i = 0; compared && i < parameters.length; i++) {
                if (parameters[i] instanceof InputStream in) {
                    parameters[i] = new DigestInputStream(in, sha256());
                }
            }
        }

        Object[] parameters() {
            return parameters;
        }

        byte[] digest() throws java.io.IOException {
            MessageDigest d = sha256();
            d.update(head.getBytes(StandardCharsets.UTF_8));
            for (Object p : compared ? parameters : new Object[0]) {
                d.update((byte) 0);
                if (p instanceof DigestInputStream in) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                    d.update(in.getMessageDigest().digest());
                } else {
                    d.update(json.writeValueAsBytes(p));
                }
            }
            return d.digest();
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
