package io.seatpilot.local.messaging;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Amazon SNS (Query protocol: form-encoded {@code Action=…}, XML answers) as the SDK's {@code SnsClient} calls it:
 * {@code CreateTopic}, {@code Subscribe} (with a {@code FilterPolicy}), {@code Unsubscribe},
 * {@code ListSubscriptionsByTopic} and {@code Publish} — to a topic, delivered to its matching {@code sms} and
 * {@code email}/{@code email-json} subscribers, or straight to a phone number as SMS. Validation follows AWS:
 * E.164 numbers, one target, SMS up to 1 600 characters, topic messages up to 256 KiB, subjects up to 100
 * characters, {@code AWS.SNS.SMS.SMSType} Promotional or Transactional; refusals are {@code InvalidParameter} /
 * {@code InvalidParameterValue} (400) and {@code NotFound} (404).
 */
final class SnsEndpoint {

    static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    static final int MAX_TOPIC_MESSAGE_BYTES = 256 * 1024;
    static final int MAX_SUBJECT_CHARACTERS = 100;
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Set<String> PROTOCOLS = Set.of("http", "https", "email", "email-json", "sms", "sqs",
            "application", "lambda", "firehose");
    private static final Set<String> SMS_TYPES = Set.of("Promotional", "Transactional");

    /** A message attribute as published ({@code DataType} String…, Number…, Binary…; binary values base64). */
    record Attribute(String dataType, String value) {
    }

    private record Subscription(String arn, String topicArn, String protocol, String endpoint, Optional<FilterPolicy> filter) {
    }

    private final String region;
    private final String account;
    private final Deliveries deliveries;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    SnsEndpoint(String region, String account, Deliveries deliveries) {
        this.region = region;
        this.account = account;
        this.deliveries = deliveries;
    }

    /** The XML answer of one call; throws {@link AwsError} for a refusal. */
    String handle(Map<String, String> params) {
        String action = params.getOrDefault("Action", "");
        return switch (action) {
            case "CreateTopic" -> answer(action, "<TopicArn>" + xml(createTopic(params.get("Name"))) + "</TopicArn>");
            case "Subscribe" -> answer(action, "<SubscriptionArn>" + xml(subscribe(params)) + "</SubscriptionArn>");
            case "Unsubscribe" -> {
                String arn = params.get("SubscriptionArn");
                if (arn == null || subscriptions.stream().noneMatch(s -> s.arn().equals(arn))) {
                    throw new AwsError(404, "NotFound", "Subscription does not exist");
                }
                subscriptions.removeIf(s -> s.arn().equals(arn));
                yield answer(action, null);
            }
            case "ListSubscriptionsByTopic" -> answer(action, "<Subscriptions>" + listSubscriptions(topic(params))
                    + "</Subscriptions>");
            case "Publish" -> answer(action, "<MessageId>" + publish(params) + "</MessageId>");
            default -> throw new AwsError(400, "InvalidAction", "The action " + action + " is not valid for this endpoint.");
        };
    }

    /** Creates the topic (idempotent, as in AWS) and returns its ARN. */
    String createTopic(String name) {
        if (name == null || !TOPIC_NAME.matcher(name).matches()) {
            throw invalid("Topic Name");
        }
        if (name.endsWith(".fifo")) {
            throw invalid("FIFO topics are not emulated locally");
        }
        String arn = "arn:aws:sns:" + region + ":" + account + ":" + name;
        topics.add(arn);
        return arn;
    }

    private String subscribe(Map<String, String> params) {
        String topic = topic(params);
        String protocol = params.getOrDefault("Protocol", "");
        if (!PROTOCOLS.contains(protocol)) {
            throw invalid("Amazon SNS does not support this protocol string: " + protocol);
        }
        String endpoint = params.get("Endpoint");
        if (endpoint == null) {
            throw invalid("Endpoint");
        }
        switch (protocol) {
            case "sms" -> phone(endpoint, "Invalid SMS endpoint: " + endpoint);
            case "email", "email-json" -> {
                try {
                    SesV2Endpoint.address(endpoint);
                } catch (AwsError e) {
                    throw invalid("Email address");
                }
            }
            default -> {
            }
        }
        Map<String, String> attributes = entries(params, "Attributes", "key", "value");
        if (!"MessageAttributes".equals(attributes.getOrDefault("FilterPolicyScope", "MessageAttributes"))) {
            throw invalid("FilterPolicyScope MessageBody is not emulated locally");
        }
        Optional<FilterPolicy> filter = Optional.ofNullable(attributes.get("FilterPolicy")).map(FilterPolicy::parse);
        // the same protocol and endpoint on a topic is the same subscription, as in AWS
        Optional<Subscription> existing = subscriptions.stream().filter(s -> s.topicArn().equals(topic)
                && s.protocol().equals(protocol) && s.endpoint().equals(endpoint)).findFirst();
        if (existing.isPresent()) {
            return existing.get().arn();
        }
        Subscription subscription = new Subscription(topic + ":" + UUID.randomUUID(), topic, protocol, endpoint, filter);
        subscriptions.add(subscription);
        return subscription.arn();
    }

    private String listSubscriptions(String topic) {
        StringBuilder members = new StringBuilder();
        for (Subscription s : subscriptions) {
            if (s.topicArn().equals(topic)) {
                members.append("<member><SubscriptionArn>").append(xml(s.arn())).append("</SubscriptionArn><Owner>")
                        .append(account).append("</Owner><Protocol>").append(xml(s.protocol())).append("</Protocol><Endpoint>")
                        .append(xml(s.endpoint())).append("</Endpoint><TopicArn>").append(xml(topic)).append("</TopicArn></member>");
            }
        }
        return members.toString();
    }

    private String publish(Map<String, String> params) {
        String message = params.get("Message");
        if (message == null) {
            throw new AwsError(400, "ValidationError", "1 validation error detected: Value null at 'message' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        if (message.isEmpty()) {
            throw invalid("Empty message");
        }
        String subject = params.get("Subject");
        if (subject != null && (subject.isBlank() || subject.length() > MAX_SUBJECT_CHARACTERS)) {
            throw invalid("Subject");
        }
        Map<String, Attribute> attributes = attributes(params);
        List<String> targets = java.util.stream.Stream.of("TopicArn", "TargetArn", "PhoneNumber")
                .filter(params::containsKey).toList();
        if (targets.isEmpty()) {
            throw invalid("TopicArn or TargetArn Reason: no value for required parameter");
        }
        if (targets.size() > 1) {
            throw invalid("TopicArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may be given");
        }
        String messageId = UUID.randomUUID().toString();
        String smsType = Optional.ofNullable(attributes.get("AWS.SNS.SMS.SMSType")).map(Attribute::value).orElse("Promotional");
        String senderId = Optional.ofNullable(attributes.get("AWS.SNS.SMS.SenderID")).map(Attribute::value).orElse(null);
        if (params.containsKey("PhoneNumber")) {
            String number = params.get("PhoneNumber");
            phone(number, "PhoneNumber Reason: " + number + " is not valid to publish to");
            if (message.length() > SmsText.MAX_CHARACTERS) {
                throw invalid("Message too long");
            }
            deliveries.sms(messageId, number, message, smsType, senderId, null, strings(attributes));
            return messageId;
        }
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_MESSAGE_BYTES) {
            throw invalid("Message too long");
        }
        String topic = params.getOrDefault("TopicArn", params.get("TargetArn"));
        if (!topics.contains(topic)) {
            throw new AwsError(404, "NotFound", "Topic does not exist");
        }
        for (Subscription s : subscriptions) {
            if (!s.topicArn().equals(topic) || !s.filter().map(f -> f.matches(attributes)).orElse(true)) {
                continue;
            }
            switch (s.protocol()) {
                case "sms" -> deliveries.sms(messageId, s.endpoint(), message, smsType, senderId, topic, strings(attributes));
                case "email" -> deliveries.notificationEmail(messageId, s.endpoint(), subject == null
                        ? "AWS Notification Message" : subject, message, topic, strings(attributes));
                case "email-json" -> deliveries.notificationEmail(messageId, s.endpoint(), subject == null
                        ? "AWS Notification Message" : subject, notificationJson(messageId, topic, subject, message),
                        topic, strings(attributes));
                default -> {
                    // http, sqs, lambda… subscribers exist for the API's sake; nothing local receives them
                }
            }
        }
        return messageId;
    }

    private static String notificationJson(String messageId, String topic, String subject, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Type", "Notification");
        body.put("MessageId", messageId);
        body.put("TopicArn", topic);
        if (subject != null) {
            body.put("Subject", subject);
        }
        body.put("Message", message);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String topic(Map<String, String> params) {
        String topic = params.get("TopicArn");
        if (topic == null) {
            throw invalid("TopicArn");
        }
        if (!topics.contains(topic)) {
            throw new AwsError(404, "NotFound", "Topic does not exist");
        }
        return topic;
    }

    private static Map<String, Attribute> attributes(Map<String, String> params) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        for (int i = 1; params.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            String prefix = "MessageAttributes.entry." + i + ".";
            String name = params.get(prefix + "Name");
            String type = params.getOrDefault(prefix + "Value.DataType", "");
            String value = params.getOrDefault(prefix + "Value.StringValue", params.get(prefix + "Value.BinaryValue"));
            if (!(type.startsWith("String") || type.startsWith("Number") || type.startsWith("Binary"))) {
                throw new AwsError(400, "ParameterValueInvalid", "The message attribute '" + name + "' has an invalid "
                        + "message attribute type, the set of supported type prefixes is Binary, Number, and String.");
            }
            if (value == null || value.isEmpty()) {
                throw new AwsError(400, "ParameterValueInvalid", "The message attribute '" + name
                        + "' must contain non-empty message attribute value for message attribute type '" + type + "'.");
            }
            if (type.startsWith("Number") && !value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                throw new AwsError(400, "ParameterValueInvalid", "Could not cast message attribute '" + name
                        + "' value to number.");
            }
            if (name.equals("AWS.SNS.SMS.SMSType") && !SMS_TYPES.contains(value)) {
                throw new AwsError(400, "ParameterValueInvalid", "The message attribute 'AWS.SNS.SMS.SMSType' must be "
                        + "Promotional or Transactional.");
            }
            attributes.put(name, new Attribute(type, value));
        }
        return attributes;
    }

    private static Map<String, String> strings(Map<String, Attribute> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.forEach((name, attribute) -> values.put(name, attribute.value()));
        return values;
    }

    private static Map<String, String> entries(Map<String, String> params, String prefix, String key, String value) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 1; params.containsKey(prefix + ".entry." + i + "." + key); i++) {
            entries.put(params.get(prefix + ".entry." + i + "." + key), params.get(prefix + ".entry." + i + "." + value));
        }
        return entries;
    }

    private static void phone(String number, String refusal) {
        if (!E164.matcher(number).matches()) {
            throw invalid(refusal);
        }
    }

    private static AwsError invalid(String what) {
        return new AwsError(400, "InvalidParameter", what.startsWith("Invalid") ? what : "Invalid parameter: " + what);
    }

    /** Decodes a form-encoded Query request body. */
    static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String answer(String action, String result) {
        return "<" + action + "Response xmlns=\"" + NAMESPACE + "\">"
                + (result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action + "Response>";
    }

    static String error(AwsError error) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type><Code>" + xml(error.code())
                + "</Code><Message>" + xml(error.getMessage()) + "</Message></Error><RequestId>" + UUID.randomUUID()
                + "</RequestId></ErrorResponse>";
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
