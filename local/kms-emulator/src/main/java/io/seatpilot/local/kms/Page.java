package io.seatpilot.local.kms;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a List* result. The marker handed out is the sort key of the next item, so paging stays
 * correct while keys and aliases are added between calls.
 */
record Page<T>(List<T> items, String nextMarker) {

    static <T> Page<T> of(List<T> sorted, Function<T, String> sortKey, int limit, String marker) {
        List<T> rest = marker == null
                ? sorted
                : sorted.stream().filter(item -> sortKey.apply(item).compareTo(marker) >= 0).toList();
        if (rest.size() <= limit) {
            return new Page<>(rest, null);
        }
        return new Page<>(rest.subList(0, limit), sortKey.apply(rest.get(limit)));
    }

    boolean truncated() {
        return nextMarker != null;
    }
}
