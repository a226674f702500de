package io.seatpilot.local.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.local.aws.LocalAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the event an HTTP API sends a Lambda integration with payload format 2.0: lower-cased headers with
 * repeated values joined by commas, cookies taken out of the headers, decoded query and path parameters,
 * the JWT claims of the authorizer, and the body as text or, for non-text content, base64.
 */
final class HttpApiEventFactory {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    HttpApiEventFactory(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode build(GatewayRequest request, RouteMatch match, Optional<JwtAuthorizer.Decision.Allowed> authorization,
                     String requestId, Instant now) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", match.route().routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());
        request.header("cookie").ifPresent(cookies -> {
            var list = event.putArray("cookies");
            Arrays.stream(cookies.split(";")).map(String::trim).filter(c -> !c.isEmpty()).forEach(list::add);
        });
        ObjectNode headers = event.putObject("headers");
        request.headers().forEach((name, values) -> {
            if (!name.equals("cookie")) {
                headers.put(name, String.join(",", values));
            }
        });
        headers.put("x-forwarded-for", request.sourceIp());
        headers.put("x-forwarded-port", String.valueOf(request.localPort()));
        headers.put("x-forwarded-proto", "http");
        headers.put("x-amzn-trace-id", traceId(now));
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            event.set("queryStringParameters", json.valueToTree(query));
        }
        if (!match.pathParameters().isEmpty()) {
            event.set("pathParameters", json.valueToTree(match.pathParameters()));
        }
        event.set("requestContext", requestContext(request, match, authorization, requestId, now));
        if (request.body().length > 0) {
            boolean text = isText(request.header("content-type"));
            event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private ObjectNode requestContext(GatewayRequest request, RouteMatch match,
                                      Optional<JwtAuthorizer.Decision.Allowed> authorization, String requestId, Instant now) {
        ObjectNode context = json.createObjectNode();
        context.put("accountId", LocalAccount.ACCOUNT_ID);
        context.put("apiId", match.route().apiId());
        authorization.ifPresent(allowed -> {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            jwt.set("claims", json.valueToTree(allowed.claims()));
            if (allowed.scopes().isEmpty()) {
                jwt.putNull("scopes");
            } else {
                jwt.set("scopes", json.valueToTree(allowed.scopes()));
            }
        });
        String host = request.header("host").orElse("127.0.0.1:" + request.localPort());
        String domain = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        context.put("domainName", domain);
        context.put("domainPrefix", domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.header("user-agent").orElse(""));
        context.put("requestId", requestId);
        context.put("routeKey", match.route().routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        return context;
    }

    /** Decoded names and values; a repeated name's values are joined with commas, as in format 2.0. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (first, second) -> first + "," + second);
        }
        return parameters;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    /**
     * API Gateway hands text bodies over as they are and base64-encodes everything else, including bodies without
     * a content type and form posts.
     */
    static boolean isText(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return false;
        }
        String type = contentType.get().split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.endsWith("+json") || type.endsWith("+xml")
                || List.of("application/json", "application/xml", "application/javascript").contains(type);
    }

    private static String traceId(Instant now) {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + HexFormat.of().formatHex(random);
    }
}
