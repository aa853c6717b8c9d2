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
        // its own claim in research: claim 1 is whatever another test created first
        long claim = TestApi.researchingClaim(TestApi.user(Role.FACT_CHECKER), "A claim for an oversized upload.");
        TestApi.user(Role.FACT_CHECKER).spec().contentType("multipart/form-data")
                .multiPart("file", "big.txt", tooBig, "text/plain").multiPart("stance", "SUPPORTS")
                .post("/api/v1/claims/" + claim + "/evidence").then().statusCode(413)
                .contentType("application/problem+json");
    }
}
