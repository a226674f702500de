package io.seatpilot.local.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Amazon SES API v2 (REST-JSON) as the SDK's {@code SesV2Client} calls it: {@code SendEmail} (Simple content with
 * text, HTML and attachments, or Raw MIME) and {@code CreateEmailIdentity}. The sender must be a verified identity
 * — the address itself or its domain — as in AWS; locally an identity is verified the moment it is created.
 * Refusals carry AWS's codes: {@code BadRequestException} for missing or malformed parameters, {@code
 * MessageRejected} for an unverified sender, {@code AlreadyExistsException} for an identity created twice.
 */
final class SesV2Endpoint {

    static final String SEND_EMAIL = "/v2/email/outbound-emails";
    static final String IDENTITIES = "/v2/email/identities";
    /** SES's limit on recipients (to + cc + bcc) of one message. */
    static final int MAX_RECIPIENTS = 50;
    /** SES v2's limit on a message, after base64 decoding of a Raw one. */
    static final int MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Identities identities;
    private final Deliveries deliveries;

    SesV2Endpoint(Identities identities, Deliveries deliveries) {
        this.identities = identities;
        this.deliveries = deliveries;
    }

    /** The JSON answer of one call; throws {@link AwsError} for a refusal. */
    JsonNode handle(String method, String path, byte[] body) {
        JsonNode request = parse(body);
        if (method.equals("POST") && path.equals(SEND_EMAIL)) {
            return JSON.createObjectNode().put("MessageId", sendEmail(request));
        }
        if (method.equals("POST") && path.equals(IDENTITIES)) {
            return createIdentity(request);
        }
        if (method.equals("DELETE") && path.startsWith(IDENTITIES + "/")) {
            String identity = java.net.URLDecoder.decode(path.substring(IDENTITIES.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            if (!identities.remove(identity)) {
                throw new AwsError(404, "NotFoundException", "Email identity " + identity + " does not exist.");
            }
            return JSON.createObjectNode();
        }
        throw new AwsError(404, "NotFoundException", "No SES v2 operation " + method + " " + path + " locally");
    }

    private String sendEmail(JsonNode request) {
        JsonNode content = request.path("Content");
        JsonNode destination = request.path("Destination");
        List<String> to = addresses(destination.path("ToAddresses"));
        List<String> cc = addresses(destination.path("CcAddresses"));
        List<String> bcc = addresses(destination.path("BccAddresses"));
        if (content.has("Simple")) {
            String from = address(required(request, "FromEmailAddress"));
            return simple(from, to, cc, bcc, content.get("Simple"));
        }
        if (content.has("Raw")) {
            return raw(request.path("FromEmailAddress").asText(null), to, cc, bcc, content.get("Raw"));
        }
        if (content.has("Template")) {
            throw bad("Template content is not emulated by the local SES endpoint; send Simple or Raw content");
        }
        throw bad("Missing required parameter: Content (Simple, Raw or Template)");
    }

    private String simple(String from, List<String> to, List<String> cc, List<String> bcc, JsonNode simple) {
        checkRecipients(to, cc, bcc);
        JsonNode subject = simple.path("Subject").path("Data");
        if (!subject.isTextual()) {
            throw bad("Missing required parameter: Content.Simple.Subject");
        }
        JsonNode body = simple.path("Body");
        String text = body.path("Text").path("Data").asText(null);
        String html = body.path("Html").path("Data").asText(null);
        if (text == null && html == null) {
            throw bad("Missing required parameter: Content.Simple.Body (Text or Html)");
        }
        List<Outbox.Attachment> attachments = new ArrayList<>();
        for (JsonNode attachment : simple.path("Attachments")) {
            String name = attachment.path("FileName").asText(null);
            if (name == null || !attachment.path("RawContent").isTextual()) {
                throw bad("Each attachment needs FileName and RawContent");
            }
            attachments.add(new Outbox.Attachment(name, attachment.path("ContentType").asText("application/octet-stream"),
                    decode(attachment.path("RawContent").asText()).length));
        }
        checkSender(from);
        return deliveries.email(from, to, cc, bcc, subject.asText(), text, html, attachments);
    }

    private String raw(String declaredFrom, List<String> to, List<String> cc, List<String> bcc, JsonNode raw) {
        if (!raw.path("Data").isTextual()) {
            throw bad("Missing required parameter: Content.Raw.Data");
        }
        byte[] bytes = decode(raw.path("Data").asText());
        if (bytes.length > MAX_MESSAGE_BYTES) {
            throw new AwsError(400, "MessageRejected", "Message length is more than " + MAX_MESSAGE_BYTES + " bytes long");
        }
        try {
            MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
            String from = declaredFrom != null ? address(declaredFrom) : firstAddress(mime.getFrom())
                    .orElseThrow(() -> bad("Missing required header 'From' (or FromEmailAddress)"));
            if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
                to = headerAddresses(mime, "To");
                cc = headerAddresses(mime, "Cc");
                bcc = headerAddresses(mime, "Bcc");
            }
            checkRecipients(to, cc, bcc);
            MimeParts parts = new MimeParts();
            parts.collect(mime);
            checkSender(from);
            return deliveries.email(from, to, cc, bcc, mime.getSubject(), parts.text, parts.html, parts.attachments);
        } catch (MessagingException | IOException e) {
            throw bad("The raw message is not a valid MIME message: " + e.getMessage());
        }
    }

    /** The text part, HTML part and attachments of a MIME tree, as a mail client would show them. */
    private static final class MimeParts {
        String text;
        String html;
        final List<Outbox.Attachment> attachments = new ArrayList<>();

        void collect(Part part) throws MessagingException, IOException {
            String disposition = part.getDisposition();
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child);
                }
            } else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null) {
                long size;
                try (InputStream in = part.getInputStream()) {
                    size = in.readAllBytes().length;
                }
                attachments.add(new Outbox.Attachment(part.getFileName() == null ? "(unnamed)" : part.getFileName(),
                        part.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT), size));
            } else if (part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            }
        }
    }

    private JsonNode createIdentity(JsonNode request) {
        String identity = required(request, "EmailIdentity");
        boolean email = identity.contains("@");
        if (email) {
            address(identity);
        } else if (!identity.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            throw bad("Invalid domain name: " + identity);
        }
        if (!identities.add(identity)) {
            throw new AwsError(400, "AlreadyExistsException", "Email identity " + identity + " already exists.");
        }
        var answer = JSON.createObjectNode();
        answer.put("IdentityType", email ? "EMAIL_ADDRESS" : "DOMAIN");
        answer.put("VerifiedForSendingStatus", true);
        return answer;
    }

    private void checkSender(String from) {
        if (identities.covering(from).isEmpty()) {
            throw new AwsError(400, "MessageRejected", "Email address is not verified. The following identities failed "
                    + "the check in region " + identities.region().toUpperCase(Locale.ROOT) + ": " + from);
        }
    }

    private static void checkRecipients(List<String> to, List<String> cc, List<String> bcc) {
        int count = to.size() + cc.size() + bcc.size();
        if (count == 0) {
            throw bad("Missing required parameter: Destination (at least one recipient)");
        }
        if (count > MAX_RECIPIENTS) {
            throw bad("Recipient count exceeds " + MAX_RECIPIENTS + ".");
        }
    }

    private static List<String> addresses(JsonNode list) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode item : list) {
            addresses.add(address(item.asText()));
        }
        return addresses;
    }

    /** The bare address of {@code "Name <a@b>"} or {@code a@b}; AWS's refusal when it is none. */
    static String address(String text) {
        try {
            InternetAddress parsed = new InternetAddress(text, true);
            String address = parsed.getAddress();
            if (address == null || !address.contains("@") || address.endsWith("@")) {
                throw bad("Missing final '@domain'");
            }
            return address;
        } catch (AddressException e) {
            throw bad("Illegal address: " + text);
        }
    }

    private static java.util.Optional<String> firstAddress(Address[] addresses) {
        return addresses == null || addresses.length == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(address(addresses[0].toString()));
    }

    private static List<String> headerAddresses(MimeMessage mime, String header) throws MessagingException {
        String value = mime.getHeader(header, ",");
        if (value == null) {
            return List.of();
        }
        try {
            return java.util.Arrays.stream(InternetAddress.parseHeader(value, true)).map(a -> address(a.getAddress())).toList();
        } catch (AddressException e) {
            throw bad("Illegal address in " + header + ": " + value);
        }
    }

    private static String required(JsonNode request, String field) {
        JsonNode value = request.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw bad("Missing required parameter: " + field);
        }
        return value.asText();
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw bad("Invalid base64 content");
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw bad("The request body is not JSON");
        }
    }

    private static AwsError bad(String message) {
        return new AwsError(400, "BadRequestException", message);
    }

    /** Renders a refusal as REST-JSON does: the code in {@code x-amzn-ErrorType}, the text in the body. */
    static Map<String, String> errorHeaders(AwsError error) {
        return Map.of("content-type", "application/json", "x-amzn-ErrorType", error.code());
    }
}
