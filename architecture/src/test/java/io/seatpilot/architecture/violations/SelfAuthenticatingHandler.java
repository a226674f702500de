package io.seatpilot.architecture.violations;

import io.seatpilot.core.auth.JwtClaims;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.signing.SignedRequestVerifier;
import io.seatpilot.core.tokens.TokenVerifier;

/**
 * A handler that learns its caller on its own, each way {@code ArchitectureTest.onlyCallersVerifyCredentials}
 * forbids; {@code RulesCatchViolationsTest} shows the rule refuses it. A test class: never analysed with the rest.
 */
public final class SelfAuthenticatingHandler {

    Principal device(SignedRequestVerifier verifier, ApiRequest request) {
        return verifier.verify(request, 16_384);
    }

    Principal person(TokenVerifier tokens, ApiRequest request) {
        return tokens.verify(request.header("authorization").orElse(""));
    }

    Principal claims(ApiRequest request) {
        return JwtClaims.toPrincipal(request.claims());
    }
}
