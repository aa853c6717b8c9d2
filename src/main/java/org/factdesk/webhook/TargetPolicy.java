package org.factdesk.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a webhook may be sent to (server-side request forgery): https to public addresses only. Checked when an
 * endpoint is saved and again before every attempt, after DNS resolution, because a public name can be pointed at
 * an internal address later. The attempt then connects through the JVM's address cache (networkaddress.cache.ttl,
 * 30 s by default), so it uses the addresses just checked rather than a second, possibly rebound, answer.
 * <p>
 * Pure apart from the resolver handed in; {@code allowInsecure} (dev and test) admits http and loopback, never
 * private or link-local ranges.
 */
public final class TargetPolicy {

    /** Resolves a host name to every address it has (the JDK's resolver in production). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM = InetAddress::getAllByName;

    private TargetPolicy() {
    }

    /** Why the URL's form is refused (scheme, host, credentials), before any lookup; empty when it is fine. */
    public static Optional<String> refuseForm(String url, boolean allowInsecure) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowInsecure && scheme.equals("http"))) {
            return Optional.of(allowInsecure ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials (put them in the receiver's secret, not the URL)");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        return Optional.empty();
    }

    /** Why the URL is refused, resolving its host: empty when every address it resolves to is allowed. */
    public static Optional<String> refuse(String url, boolean allowInsecure, Resolver resolver) {
        Optional<String> form = refuseForm(url, allowInsecure);
        if (form.isPresent()) {
            return form;
        }
        String host = URI.create(url).getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve (" + host + ")");
        }
        for (InetAddress a : addresses) {
            Optional<String> why = refuse(a, allowInsecure);
            if (why.isPresent()) {
                return Optional.of("resolves to " + a.getHostAddress() + ", " + why.get());
            }
        }
        return Optional.empty();
    }

    /** Why an address may not be a target; empty for public unicast addresses (and loopback when insecure). */
    public static Optional<String> refuse(InetAddress a, boolean allowInsecure) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            Optional<byte[]> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                try {
                    return refuse(InetAddress.getByAddress(embedded.get()), allowInsecure);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        if (a.isLoopbackAddress()) {
            return allowInsecure ? Optional.empty() : Optional.of("a loopback address");
        }
        if (a.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("a link-local address (where cloud metadata services live)");
        }
        if (a.isSiteLocalAddress() || (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc)) {
            return Optional.of("a private address");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240) {
                return Optional.of("a reserved address");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("a shared (carrier-grade NAT) address");
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return Optional.of("a reserved address");
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("a reserved address");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        boolean zeros = true;
        for (int i = 0; i < 12; i++) {
            zeros &= b[i] == 0;
        }
        boolean compatible = zeros && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (compatible || nat64) {
            return Optional.of(new byte[] { b[12], b[13], b[14], b[15] });
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(new byte[] { b[2], b[3], b[4], b[5] });
        }
        return Optional.empty();
    }
}
