package io.seatpilot.local.iam;

import io.seatpilot.local.aws.LocalAccount;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WebSocket API's {@code @connections} management API as IAM sees it: {@code execute-api:ManageConnections}
 * on {@code <api>/<stage>/<METHOD>/@connections/<id>}, so a role allowed to POST (push) may not DELETE (hang up).
 */
final class ConnectionsService implements AwsService {

    private static final Pattern PATH = Pattern.compile("^(?:/([^/@]+))?/@connections/([^/]+)/?$");

    /** The API id and stage the management endpoint belongs to, known once the WebSocket API is served. */
    private final Supplier<Optional<ApiStage>> apiStage;

    ConnectionsService(Supplier<Optional<ApiStage>> apiStage) {
        this.apiStage = apiStage;
    }

    @Override
    public String name() {
        return "execute-api";
    }

    @Override
    public List<AuthorizationRequest> authorizations(ProxiedCall call) {
        Matcher path = PATH.matcher(call.path());
        Optional<ApiStage> api = apiStage.get();
        if (!path.matches() || api.isEmpty()) {
            return List.of();
        }
        String stage = path.group(1) != null ? path.group(1) : api.get().stage();
        return List.of(AuthorizationRequest.of("execute-api:ManageConnections", LocalAccount.arn("execute-api",
                api.get().apiId() + "/" + stage + "/" + call.method() + "/@connections/" + path.group(2))));
    }

    @Override
    public Answer accessDenied(String message) {
        return Answer.restError(403, "ForbiddenException", message);
    }

    @Override
    public Answer unrecognizedClient() {
        return Answer.restError(403, "ForbiddenException", "The security token included in the request is invalid");
    }
}
