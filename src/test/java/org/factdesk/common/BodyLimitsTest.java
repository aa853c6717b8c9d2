package org.factdesk.common;


import org.factdesk.TestApi;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BodyLimitsTest {

    @Test
    void uploadsAboveTheLimitGetA413Problem() {
        byte[] tooBig = new byte[28 * 1024 * 1024];
        TestApi.user(Role.FACT_CHECKER).spec().contentType("multipart/form-data")
                .multiPart("file", "big.txt", tooBig, "text/plain").multiPart("stance", "SUPPORTS")
                .post("/api/v1/claims/1/evidence").then().statusCode(413)
                .contentType("application/problem+json");
    }
}
