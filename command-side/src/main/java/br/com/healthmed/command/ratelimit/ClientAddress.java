package br.com.healthmed.command.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The client a throttle counts: the address the gateway saw. With server.forward-headers-strategy=native, Tomcat's
 * RemoteIpValve puts in {@code getRemoteAddr()} the address a trusted proxy reported in X-Forwarded-For, and the
 * socket's peer otherwise (ADR 0016), so a client outside the trusted proxies cannot pick its own bucket with that
 * header. An IPv6 address stands for its /64: one subscriber usually holds a whole /64, and counting single addresses
 * would give each of them 2^64 fresh buckets.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return normalise(request.getRemoteAddr());
    }

    /** {@code address} is an IP literal (never resolved); anything else is kept as it is. */
    static String normalise(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        try {
            InetAddress parsed = InetAddress.ofLiteral(address.strip());
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return parsed.getHostAddress();
        } catch (IllegalArgumentException notALiteral) {
            return address.strip();
        }
    }
}
