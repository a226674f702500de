package io.seatpilot.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why one row of a bulk upsert was refused: its CSV line or JSON position, its id when readable, the field. */
public record RowError(@JsonProperty("line") Integer line, @JsonProperty("row") String row,
                       @JsonProperty("id") String id, @JsonProperty("field") String field,
                       @JsonProperty("message") String message) {
}
