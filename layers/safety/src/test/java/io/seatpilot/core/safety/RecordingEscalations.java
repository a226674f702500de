package io.seatpilot.core.safety;

import java.util.ArrayList;
import java.util.List;

/** The escalation checks scheduled and pages asked for, in order. */
public final class RecordingEscalations implements Escalations {

    public final List<Due> scheduled = new ArrayList<>();
    public final List<Due> pagedNow = new ArrayList<>();

    @Override
    public void schedule(Due due) {
        scheduled.add(due);
    }

    @Override
    public void pageNow(Due due) {
        pagedNow.add(due);
    }
}
