package io.seatpilot.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.aws.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SES API v2 (REST-JSON) as IAM sees it: {@code SendEmail} is {@code ses:SendEmail} on the sending identity's ARN
 * — the address's own identity or its domain's, whichever verifies it, as AWS authorises it — and {@code
 * CreateEmailIdentity} is {@code ses:CreateEmailIdentity} on the new identity.
 */
final class SesService implements AwsService {

    private static final Pattern FROM_HEADER = Pattern.compile("(?im)^From:\\s*(.+)$");
    private static final Pattern ANGLE = Pattern.compile("<([^>]+)>");

    private final Function<String, String> identityArns;

    /** @param identityArns a sender address → the ARN of the identity that lets it send */
    SesService(Function<String, String> identityArns) {
        this.identityArns = identityArns;
    }

    @Override
    public String name() {
        return "ses";
    }

    @Override
    public List<AuthorizationRequest> authorizations(ProxiedCall call) {
        JsonNode body = call.json();
        if (call.method().equals("POST") && call.path().equals("/v2/email/outbound-emails")) {
            return sender(body).map(from -> List.of(AuthorizationRequest.of("ses:SendEmail", identityArns.apply(from))))
                    .orElse(List.of(AuthorizationRequest.of("ses:SendEmail", "*")));
        }
        if (call.method().equals("POST") && call.path().equals("/v2/email/identities")) {
            return List.of(AuthorizationRequest.of("ses:CreateEmailIdentity",
                    LocalAccount.arn("ses", "identity/" + body.path("EmailIdentity").asText(""))));
        }
        if (call.method().equals("DELETE") && call.path().startsWith("/v2/email/identities/")) {
            return List.of(AuthorizationRequest.of("ses:DeleteEmailIdentity",
                    LocalAccount.arn("ses", "identity/" + call.path().substring("/v2/email/identities/".length()))));
        }
        return List.of();
    }

    /** FromEmailAddress, else the From header of a Raw message (headers end at the first empty line). */
    private static Optional<String> sender(JsonNode body) {
        if (body.path("FromEmailAddress").isTextual()) {
            return Optional.of(bare(body.path("FromEmailAddress").asText()));
        }
        try {
            String raw = new String(Base64.getMimeDecoder().decode(body.path("Content").path("Raw").path("Data").asText("")),
                    StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            Matcher from = FROM_HEADER.matcher(end < 0 ? raw : raw.substring(0, end));
            return from.find() ? Optional.of(bare(from.group(1).trim())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String bare(String address) {
        Matcher angle = ANGLE.matcher(address);
        return angle.find() ? angle.group(1).trim() : address.trim();
    }

    @Override
    public Answer accessDenied(String message) {
        return Answer.restError(403, "AccessDeniedException", message);
    }

    @Override
    public Answer unrecognizedClient() {
        return Answer.restError(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
}
