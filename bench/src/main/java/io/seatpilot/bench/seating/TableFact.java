package io.seatpilot.bench.seating;

/** A table as a Timefold problem fact; identity equality is what the joins on {@code table} rely on. */
public final class TableFact {

    final String id;
    final int capacity;
    final boolean accessible;
    final boolean showcase;

    TableFact(String id, int capacity, boolean accessible, boolean showcase) {
        this.id = id;
        this.capacity = capacity;
        this.accessible = accessible;
        this.showcase = showcase;
    }

    @Override
    public String toString() {
        return id;
    }
}
