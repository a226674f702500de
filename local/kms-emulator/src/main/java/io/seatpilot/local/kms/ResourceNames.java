package io.seatpilot.local.kms;

import java.util.Optional;

/** ARNs of this endpoint's account and region; ARNs of any other account or region name nothing here. */
record ResourceNames(String region, String account) {

    String keyArn(String keyId) {
        return prefix() + "key/" + keyId;
    }

    String aliasArn(String aliasName) {
        return prefix() + aliasName;
    }

    /** The resource part ({@code key/…} or {@code alias/…}) of one of this endpoint's ARNs. */
    Optional<String> resourceOf(String arn) {
        return arn.startsWith(prefix()) ? Optional.of(arn.substring(prefix().length())) : Optional.empty();
    }

    private String prefix() {
        return "arn:aws:kms:" + region + ":" + account + ":";
    }
}
