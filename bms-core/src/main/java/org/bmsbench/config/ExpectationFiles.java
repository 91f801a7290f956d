package org.bmsbench.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.model.Checks;
import org.bmsbench.scenario.ContactorState;
import org.bmsbench.scenario.Expectation;
import org.bmsbench.scenario.Signal;

/**
 * A scenario file's {@code expect:} list (docs/scenarios.md): a fault raised in a window or by a time, no fault,
 * the contactors or the BMS state by a time, a signal's bound, the soc estimate's error. Every problem names the
 * file, line and key, and what was expected.
 */
final class ExpectationFiles {
    private ExpectationFiles() {
    }

    /** The expectations of a scenario's {@code expect:} list. */
    static List<Expectation> read(ConfigNode list) {
        List<Expectation> expectations = new ArrayList<>();
        for (ConfigNode node : list.elements()) {
            expectations.add(expectation(node));
        }
        return expectations;
    }

    private static Expectation expectation(ConfigNode node) {
        if (node.has("fault")) {
            node.allowOnly("fault", "level", "between_s", "by_s");
            FaultId id = faultId(node.get("fault"));
            FaultLevel level = node.find("level").map(ExpectationFiles::level).orElse(null);
            double from = 0;
            double to;
            if (node.has("between_s")) {
                ConfigNode window = node.get("between_s");
                double[] bounds = window.numbers();
                if (bounds.length != 2 || bounds[0] < 0 || bounds[1] < bounds[0]) {
                    throw window.error("expected [from, to] with 0 <= from <= to, seconds");
                }
                from = bounds[0];
                to = bounds[1];
            } else {
                to = node.number("by_s", Checks::nonNegative);
            }
            return new Expectation.FaultRaised(id, level, from, to);
        }
        if (node.has("no_fault")) {
            node.allowOnly("no_fault", "level", "after_s");
            ConfigNode faultNode = node.get("no_fault");
            return new Expectation.NoFault("any".equals(faultNode.text()) ? null : faultId(faultNode),
                    node.find("level").map(ExpectationFiles::level).orElse(null), node.number("after_s", 0.0));
        }
        if (node.has("contactors")) {
            node.allowOnly("contactors", "by_s");
            String state = ScenarioFiles.choice(node.get("contactors"), "open", "precharge", "closed");
            return new Expectation.Contactors(ContactorState.valueOf(state.toUpperCase(Locale.ROOT)),
                    node.number("by_s", Checks::nonNegative));
        }
        if (node.has("state")) {
            node.allowOnly("state", "by_s");
            String state = ScenarioFiles.choice(node.get("state"), "standby", "precharge", "normal", "opening", "error");
            return new Expectation.State(BmsState.valueOf(state.toUpperCase(Locale.ROOT)),
                    node.number("by_s", Checks::nonNegative));
        }
        if (node.has("can")) {
            node.allowOnly("can", "signal", "value", "within", "by_s");
            double within = node.has("within") ? node.number("within", Checks::nonNegative) : 0;
            return new Expectation.CanValue(node.text("can"), node.text("signal"), node.number("value"), within,
                    node.number("by_s", Checks::nonNegative));
        }
        if (node.has("signal")) {
            node.allowOnly("signal", "max_below", "min_above", "final_below", "final_above", "after_s");
            ConfigNode signalNode = node.get("signal");
            Signal signal = Signal.byId(signalNode.text());
            if (signal == null) {
                throw signalNode.error("unknown signal '" + signalNode.text() + "'; expected one of: "
                        + String.join(", ", signalIds()));
            }
            if (!signal.isNumeric()) {
                throw signalNode.error(signal.id() + " is a word, not a number: expect it with {"
                        + (signal == Signal.CONTACTORS ? "contactors" : "state") + ": ..., by_s: ...}");
            }
            List<String> bounds = new ArrayList<>();
            for (Expectation.Bound bound : Expectation.Bound.values()) {
                if (node.has(bound.id())) {
                    bounds.add(bound.id());
                }
            }
            if (bounds.size() != 1) {
                throw node.error("expected exactly one of max_below, min_above, final_below, final_above, got "
                        + (bounds.isEmpty() ? "none" : String.join(", ", bounds)));
            }
            Expectation.Bound bound = Expectation.Bound.valueOf(bounds.get(0).toUpperCase(Locale.ROOT));
            return new Expectation.SignalBound(signal, bound, node.number(bound.id()), node.number("after_s", 0.0));
        }
        if (node.has("soc_error")) {
            node.allowOnly("soc_error");
            ConfigNode error = node.get("soc_error").allowOnly("rms_below", "max_below", "after_s");
            double rms = error.number("rms_below", Double.NaN);
            double max = error.number("max_below", Double.NaN);
            if (Double.isNaN(rms) && Double.isNaN(max)) {
                throw error.error("give rms_below, max_below or both");
            }
            return new Expectation.SocError(rms, max, error.number("after_s", 0.0));
        }
        throw node.error("unknown expectation; expected a map with one of: can, contactors, fault, no_fault, signal,"
                + " soc_error, state");
    }

    private static List<String> signalIds() {
        List<String> ids = new ArrayList<>();
        for (Signal s : Signal.values()) {
            ids.add(s.id());
        }
        return ids;
    }

    private static FaultId faultId(ConfigNode node) {
        String text = node.text();
        for (FaultId id : FaultId.values()) {
            if (id.name().equals(text)) {
                return id;
            }
        }
        List<String> ids = new ArrayList<>();
        for (FaultId id : FaultId.values()) {
            ids.add(id.name());
        }
        throw node.error("unknown fault '" + text + "'; expected one of: " + String.join(", ", ids)
                + (node.path().endsWith("no_fault") ? ", or any" : ""));
    }

    private static FaultLevel level(ConfigNode node) {
        return FaultLevel.valueOf(ScenarioFiles.choice(node, "info", "warning", "fatal").toUpperCase(Locale.ROOT));
    }
}
