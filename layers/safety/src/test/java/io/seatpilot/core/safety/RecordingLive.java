package io.seatpilot.core.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Ops Live messages pushed, in order; {@link #failing} makes every push fail as an unreachable publisher does. */
public final class RecordingLive implements LiveChannel {

    public record Pushed(String tenant, String event, String type, Map<?, ?> data) {
    }

    public final List<Pushed> pushed = new ArrayList<>();
    public boolean failing;

    @Override
    public boolean push(String tenant, String event, String type, Object data) {
        if (failing) {
            return false;
        }
        pushed.add(new Pushed(tenant, event, type, (Map<?, ?>) data));
        return true;
    }

    public List<Pushed> ofType(String type) {
        return pushed.stream().filter(p -> p.type().equals(type)).toList();
    }
}
