package org.factdesk.common;

/** How a client address counts against per-client budgets (sign-in throttle, public rate limits). */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * The subject that stands for a client address: an IPv4 address as it is (also when mapped into IPv6), an IPv6
     * address as its /64 prefix, since one subscriber usually holds a whole /64 and could otherwise rotate through
     * 2^64 addresses. Anything else (a Unix socket, a name) is kept as given, cut to 100 characters.
     */
    public static String subject(String hostAddress) {
        if (hostAddress == null || hostAddress.isBlank()) {
            return "unknown";
        }
        String literal = hostAddress.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        boolean looksLikeIp = literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                && (literal.indexOf(':') >= 0 || literal.indexOf('.') >= 0);
        if (looksLikeIp) {
            try {
                // a literal: no name lookup happens
                byte[] b = java.net.InetAddress.getByName(literal).getAddress();
                if (b.length == 4) {
                    return java.net.InetAddress.getByAddress(b).getHostAddress();
                }
                return String.format("%x:%x:%x:%x::/64", (b[0] & 0xff) << 8 | (b[1] & 0xff),
                        (b[2] & 0xff) << 8 | (b[3] & 0xff), (b[4] & 0xff) << 8 | (b[5] & 0xff),
                        (b[6] & 0xff) << 8 | (b[7] & 0xff));
            } catch (java.net.UnknownHostException e) {
                // not an address after all: keep it as given
            }
        }
        return literal.length() > 100 ? literal.substring(0, 100) : literal;
    }
}
