package io.seatpilot.local.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A batch function's answer under ReportBatchItemFailures, read by Lambda's documented rules: no response, an
 * empty response or an empty/null {@code batchItemFailures} list means every record succeeded; a response that
 * is not JSON, or an item whose {@code itemIdentifier} is missing, empty, or not in the batch, fails the whole
 * batch.
 */
sealed interface BatchItemFailures {

    record AllSucceeded() implements BatchItemFailures {
    }

    record Some(Set<String> failedIds) implements BatchItemFailures {
    }

    record WholeBatch(String why) implements BatchItemFailures {
    }

    static BatchItemFailures read(String payload, Set<String> batchIds, ObjectMapper json) {
        JsonNode response;
        try {
            response = json.readTree(payload);
        } catch (JsonProcessingException e) {
            return new WholeBatch("the response is not JSON");
        }
        if (response == null || response.isNull() || (response.isObject() && response.isEmpty())) {
            return new AllSucceeded();
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return new AllSucceeded();
        }
        if (!failures.isArray()) {
            return new WholeBatch("batchItemFailures is not a list");
        }
        Set<String> failed = new LinkedHashSet<>();
        for (JsonNode item : failures) {
            JsonNode id = item.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                return new WholeBatch("an item has no itemIdentifier");
            }
            if (!batchIds.contains(id.asText())) {
                return new WholeBatch("itemIdentifier " + id.asText() + " is not in the batch");
            }
            failed.add(id.asText());
        }
        return new Some(failed);
    }
}
