package io.seatpilot.seating;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The canonical score of SPEC §8 and its parts: {@code score = together + vip − moves}. {@code together} sums the
 * weights of every related pair at one table (negative weights lower it); {@code movedGuests} counts guests whose
 * table differs from {@code current}.
 */
public record ScoreBreakdown(long score,
                             @JsonProperty("pairs_together") long together,
                             @JsonProperty("vip_bonus") long vip,
                             @JsonProperty("move_penalty") long moves,
                             @JsonProperty("moved_guests") int movedGuests,
                             @JsonProperty("unmet_positive_wishes") int unmetPositive,
                             @JsonProperty("negative_pairs_together") int negativeTogether) {
}
