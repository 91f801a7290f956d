package org.bmsbench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.bmsbench.scenario.ScenarioEvent;

/** Prints events as they accumulate in a list that another thread appends to, a line each. */
final class EventLines {
    private EventLines() {
    }

    /** Prints {@code events} from index {@code from}; returns the index to continue from. */
    static int print(PrintWriter out, List<ScenarioEvent> events, int from) {
        int size = events.size();
        for (int k = from; k < size; k++) {
            ScenarioEvent e = events.get(k);
            out.printf(Locale.ROOT, "%10.3f s  %s %s %s%n", e.timeS(), e.type(), e.subject(), e.detail());
        }
        out.flush();
        return size;
    }
}
