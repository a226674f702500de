package io.seatpilot.core.event;

import java.util.Map;

/** Guests and households of one door scan, read together. */
public record GuestBatch(Map<String, Guest> guests, Map<String, Household> households) {
}
