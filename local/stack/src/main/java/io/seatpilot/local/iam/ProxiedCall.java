package io.seatpilot.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An AWS API call on its way to a stand-in, as the gate sees it: the HTTP request a function's SDK client sent. */
record ProxiedCall(String method, String path, Map<String, String> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

    ProxiedCall {
        headers = Map.copyOf(headers);
    }

    /** {@code X-Amz-Target} without its service prefix, e.g. {@code PutItem} for {@code DynamoDB_20120810.PutItem}. */
    Optional<String> operation() {
        return Optional.ofNullable(headers.get("x-amz-target")).map(target -> target.substring(target.indexOf('.') + 1));
    }

    /** The access key id the request was signed with (SigV4's {@code Credential=<key>/…}). */
    Optional<String> accessKeyId() {
        return Optional.ofNullable(headers.get("authorization")).map(CREDENTIAL::matcher).filter(Matcher::find)
                .map(m -> m.group(1));
    }

    /** The JSON body of a JSON-protocol call; missing when it does not parse (the stand-in then answers for itself). */
    JsonNode json() {
        try {
            return body.length == 0 ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
