package org.factdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {

    static TargetPolicy.Resolver to(String... addresses) {
        return host -> {
            InetAddress[] out = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                out[i] = InetAddress.getByName(addresses[i]);
            }
            return out;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "fd00:ec2::254", "fe80::1",
            "100.100.100.200", "0.0.0.0", "::", "224.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::",
            "::10.0.0.1", "240.0.0.1", "198.18.0.1" })
    void refusesPrivateLinkLocalMetadataAndReservedAddressesEvenWhenInsecureTargetsAreAllowed(String address) {
        assertThat(TargetPolicy.refuse("https://hooks.example.org/x", true, to(address))).isPresent();
        assertThat(TargetPolicy.refuse("https://hooks.example.org/x", false, to(address))).isPresent();
    }

    @Test
    void refusesANameWithOnePrivateAddressAmongPublicOnes() {
        assertThat(TargetPolicy.refuse("https://hooks.example.org/x", false, to("93.184.215.14", "10.0.0.7")))
                .hasValueSatisfying(why -> assertThat(why).contains("10.0.0.7").contains("private"));
    }

    @Test
    void admitsHttpsToPublicAddresses() {
        assertThat(TargetPolicy.refuse("https://hooks.example.org/x", false, to("93.184.215.14", "2606:2800:21f:cb07::1")))
                .isEmpty();
    }

    @Test
    void admitsHttpAndLoopbackOnlyWhenInsecureTargetsAreAllowed() {
        assertThat(TargetPolicy.refuse("http://127.0.0.1:9000/x", false, to("127.0.0.1"))).isPresent();
        assertThat(TargetPolicy.refuse("https://localhost/x", false, to("127.0.0.1"))).isPresent();
        assertThat(TargetPolicy.refuse("http://hooks.example.org/x", false, to("93.184.215.14"))).isPresent();
        assertThat(TargetPolicy.refuse("http://127.0.0.1:9000/x", true, to("127.0.0.1"))).isEmpty();
        assertThat(TargetPolicy.refuse("http://[::1]:9000/x", true, to("::1"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://hooks.example.org/", "https:///nohost", "https://user:pw@hooks.example.org/",
            "https://hooks.example.org/#frag", "not a url", "file:///etc/passwd", "" })
    void refusesUrlsOfTheWrongForm(String url) {
        assertThat(TargetPolicy.refuse(url, true, to("93.184.215.14"))).isPresent();
    }

    @Test
    void refusesANameThatDoesNotResolve() {
        assertThat(TargetPolicy.refuse("https://nowhere.invalid/", false, host -> {
            throw new UnknownHostException(host);
        })).hasValueSatisfying(why -> assertThat(why).contains("does not resolve"));
    }
}
