package io.seatpilot.core.safety;

import io.seatpilot.core.paging.OnCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Pages claimed once per alert and step, as {@link OnCall} claims them; {@link #sent} holds those that went out. */
public final class RecordingPager implements Pager {

    public record Sent(String tenant, OnCall.Page page, OnCall.Step step) {
    }

    public final List<Sent> sent = new ArrayList<>();
    private final Set<String> claimed = new HashSet<>();

    @Override
    public boolean page(String tenant, OnCall.Page page, OnCall.Step step) {
        if (!claimed.add(tenant + "|" + page.event() + "|" + page.alertId() + "|" + step)) {
            return false;
        }
        sent.add(new Sent(tenant, page, step));
        return true;
    }
}
