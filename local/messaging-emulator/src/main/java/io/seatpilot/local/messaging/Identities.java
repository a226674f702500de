package io.seatpilot.local.messaging;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SES sending identities: addresses and domains. An address may send when it, or its domain, is an identity —
 * AWS's rule. AWS verifies an address by a link mailed to it and a domain by DNS records; locally an identity is
 * verified when it is created (through {@code CreateEmailIdentity}, or by the stack from the template's
 * {@code AWS::SES::EmailIdentity} resources).
 */
final class Identities {

    private final String region;
    private final String account;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    Identities(String region, String account) {
        this.region = region;
        this.account = account;
    }

    String region() {
        return region;
    }

    /** Adds a verified identity; false when it existed already. Identities compare case-insensitively. */
    boolean add(String identity) {
        return verified.add(identity.toLowerCase(Locale.ROOT));
    }

    /** Removes an identity ({@code DeleteEmailIdentity}): its addresses can no longer send. False when unknown. */
    boolean remove(String identity) {
        return verified.remove(identity.toLowerCase(Locale.ROOT));
    }

    /** The identity that lets this address send: the address itself, else its domain. */
    Optional<String> covering(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (verified.contains(lower)) {
            return Optional.of(lower);
        }
        String domain = lower.substring(lower.indexOf('@') + 1);
        return verified.contains(domain) ? Optional.of(domain) : Optional.empty();
    }

    /** The ARN IAM authorises {@code ses:SendEmail} against for this sender (its own identity when unverified). */
    String arnFor(String address) {
        String identity = covering(address).orElse(address.toLowerCase(Locale.ROOT));
        return "arn:aws:ses:" + region + ":" + account + ":identity/" + identity;
    }
}
