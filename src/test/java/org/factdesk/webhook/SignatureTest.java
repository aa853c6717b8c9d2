package org.factdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SignatureTest {

    @Test
    void signsTheStandardWebhooksExampleAsTheSpecificationDoes() {
        // the example of the Standard Webhooks specification (and of its reference libraries' tests)
        String header = Signature.header(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsWithEverySecretNewestFirstSpaceSeparated() {
        String a = Signature.newSecret();
        String b = Signature.newSecret();
        String both = Signature.header(List.of(a, b), "msg_1", 1, "{}");
        assertThat(both.split(" ")).containsExactly(Signature.header(List.of(a), "msg_1", 1, "{}"),
                Signature.header(List.of(b), "msg_1", 1, "{}"));
    }

    @Test
    void makesSecretsOf32RandomBytes() {
        String s = Signature.newSecret();
        assertThat(s).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(s.substring(6))).hasSize(32);
        assertThat(Signature.newSecret()).isNotEqualTo(s);
    }
}
