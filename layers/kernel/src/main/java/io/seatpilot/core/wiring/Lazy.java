package io.seatpilot.core.wiring;

import java.util.function.Supplier;

/**
 * A part of a function built once, on first use: a function builds — and needs environment variables for — only
 * what its handlers use.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    public Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    /** Starts building now on a virtual thread; {@link #get} then waits for it (or builds it, if that failed). */
    public void prefetch() {
        Thread.startVirtualThread(this::get);
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = factory.get();
                    value = current;
                }
            }
        }
        return current;
    }
}
