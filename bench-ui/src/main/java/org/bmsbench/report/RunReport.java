package org.bmsbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.firmware.events.EventType;
import org.bmsbench.scenario.SignalSeries;

/**
 * One self-contained HTML page per scenario run ({@code report.html} beside its summary.json, events.csv,
 * series.csv and, when kept, trace.csv): the verdict, the summary figures, every expectation with what was seen, the charts as
 * embedded PNGs, and the event timeline. It is built from the run's files, so {@code bmsbench report} can build
 * it again later; the charts come from the trace when one was kept, else from the run's series.
 */
public final class RunReport {
    /** The timeline shows this many events at most (a long run can log hundreds of thousands). */
    static final int MAX_EVENTS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the index needs of a report. */
    public record Entry(String name, boolean passed, double simulatedS, String firstFailure, String link) {
    }

    /** An event of events.csv: its columns as written ({@code cell} counted from 1, 0 when it names none). */
    record Event(double timeS, String type, String subject, String level, double value, String unit, int cell,
                 String note) {
        /** The tier of a fault raised; null for any other event. */
        FaultLevel raisedLevel() {
            if (!type.equals(EventType.FAULT_RAISED.id())) {
                return null;
            }
            for (FaultLevel l : FaultLevel.values()) {
                if (level.equals(l.id())) {
                    return l;
                }
            }
            return null;
        }
    }

    private RunReport() {
    }

    /** Writes {@code folder/report.html}, its charts from trace.csv when the run kept one, else from series.csv. */
    public static Entry write(Path folder) {
        Path summaryFile = folder.resolve("summary.json");
        JsonNode summary;
        try {
            summary = JSON.readTree(summaryFile.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(summaryFile + ": " + e.getMessage(), e);
        }
        List<Event> events = events(folder.resolve("events.csv"));
        Path traceFile = folder.resolve("trace.csv");
        Path seriesFile = folder.resolve("series.csv");
        Charted charted = Files.exists(traceFile) ? new Charted(TraceTable.read(traceFile), false)
                : Files.exists(seriesFile) ? new Charted(TraceTable.readSeries(seriesFile), true) : null;
        String html = html(summary, events, charted);
        try {
            RunFolder.replace(folder.resolve("report.html"), out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve("report.html") + ": " + e.getMessage(), e);
        }
        return new Entry(summary.path("scenario").asText(), summary.path("passed").asBoolean(),
                summary.path("simulated_s").asDouble(), firstFailure(summary),
                folder.getFileName() + "/report.html");
    }

    static List<Event> events(Path file) {
        List<Event> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (CsvReader<NamedCsvRecord> csv = TraceTable.reader(file)) {
            for (NamedCsvRecord r : csv) {
                String value = r.getField("value");
                String cell = r.getField("cell");
                out.add(new Event(Double.parseDouble(r.getField("time_s")), r.getField("type"), r.getField("subject"),
                        r.getField("level"), value.isEmpty() ? Double.NaN : Double.parseDouble(value),
                        r.getField("unit"), cell.isEmpty() ? 0 : Integer.parseInt(cell), r.getField("note")));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not an events file this bench wrote (" + e.getMessage()
                    + ")", e);
        }
        return out;
    }

    private static String firstFailure(JsonNode summary) {
        for (JsonNode e : summary.path("expectations")) {
            if (!e.path("passed").asBoolean()) {
                return e.path("expectation").asText() + ": " + e.path("detail").asText();
            }
        }
        return "";
    }

    /** What the charts are drawn from: a trace, or the run's summary series (each bucket's extremes). */
    record Charted(TraceTable table, boolean fromSeries) {
    }

    static String html(JsonNode summary, List<Event> events, Charted charted) {
        boolean passed = summary.path("passed").asBoolean();
        StringBuilder h = new StringBuilder();
        String name = summary.path("scenario").asText();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(name)).append(passed ? " passed" : " FAILED").append("</title>\n<style>")
                .append(Html.STYLE).append("</style></head><body>\n");
        h.append("<h1>").append(escape(name)).append(" <span class=\"").append(passed ? "pass" : "fail")
                .append("\">").append(passed ? "passed" : "FAILED").append("</span></h1>\n");
        h.append("<p class=\"file\">").append(escape(summary.path("file").asText())).append("</p>\n");
        h.append("<p>").append(escape(summary.path("description").asText().strip())).append("</p>\n");
        h.append(String.format(Locale.ROOT, "<p>%s simulated in %.2f s of wall time (%.0fx real time); %d"
                        + " events.</p>%n", TimeFormat.duration(summary.path("simulated_s").asDouble()),
                summary.path("wall_s").asDouble(), summary.path("speed_up").asDouble(),
                summary.path("events").asInt()));
        h.append("<h2>Expectations</h2>\n<table><tr><th></th><th>expectation</th><th>seen</th></tr>\n");
        for (JsonNode e : summary.path("expectations")) {
            boolean ok = e.path("passed").asBoolean();
            h.append("<tr class=\"").append(ok ? "pass" : "fail").append("\"><td>").append(ok ? "pass" : "FAIL")
                    .append("</td><td>").append(escape(e.path("expectation").asText())).append("</td><td>")
                    .append(escape(e.path("detail").asText())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        charts(h, events, charted);
        h.append("<h2>Signals</h2>\n<table><tr><th>signal</th><th>min</th><th>max</th><th>final</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.path("signals").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            h.append("<tr><td>").append(escape(s.getKey())).append("</td><td>").append(figure(s.getValue()
                    .get("min"))).append("</td><td>").append(figure(s.getValue().get("max"))).append("</td><td>")
                    .append(figure(s.getValue().get("final"))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        timeline(h, events);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void charts(StringBuilder h, List<Event> events, Charted charted) {
        h.append("<h2>Charts</h2>\n");
        if (charted == null || charted.table().rows() == 0) {
            h.append("<p>Neither a trace nor the run's series was kept for this run: run it again to have charts."
                    + "</p>\n");
            return;
        }
        List<ReportCharts.Fault> faults = new ArrayList<>();
        for (Event e : events) {
            FaultLevel level = e.raisedLevel();
            if (level != null) {
                faults.add(new ReportCharts.Fault(e.timeS(), level, e.subject(), e.value(), e.unit(), e.cell()));
            }
        }
        if (charted.fromSeries()) {
            h.append(String.format(Locale.ROOT, "<p class=\"note\">Drawn from the run's series (each signal's lowest and"
                    + " highest in each of up to %d steps of the run); <code>--trace</code> keeps every sample.</p>%n",
                    SignalSeries.BUCKETS));
        }
        h.append("<p class=\"note\">Dashed lines: a fault raised (red fatal, orange warning). Measured: what the BMS"
                + " read; true: the plant's cells.</p>\n");
        for (ReportCharts.Panel panel : ReportCharts.PANELS) {
            byte[] png;
            try {
                png = ReportCharts.png(panel.chart(charted.table(), faults));
            } catch (RuntimeException e) { // one chart's trouble (values beyond a plot's range) is not the run's
                h.append("<p class=\"note\">").append(escape(panel.title()))
                        .append(": the chart could not be drawn (").append(escape(String.valueOf(e.getMessage())))
                        .append(").</p>\n");
                continue;
            }
            h.append("<img alt=\"").append(escape(panel.title())).append("\" width=\"").append(ReportCharts.WIDTH)
                    .append("\" height=\"").append(ReportCharts.HEIGHT).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        }
    }

    private static void timeline(StringBuilder h, List<Event> events) {
        h.append("<h2>Events</h2>\n");
        if (events.size() > MAX_EVENTS) {
            h.append(String.format(Locale.ROOT, "<p class=\"note\">The first %d of %d events; events.csv has them"
                    + " all.</p>%n", MAX_EVENTS, events.size()));
        }
        h.append("<table><tr><th>time, s</th><th>event</th><th>subject</th><th>level</th><th>value</th><th>cell</th>"
                + "<th>note</th></tr>\n");
        for (Event e : events.subList(0, Math.min(MAX_EVENTS, events.size()))) {
            FaultLevel level = e.raisedLevel();
            String cls = level != null ? (level == FaultLevel.FATAL ? "fail" : "warn")
                    : e.type().equals("fault_injected") ? "inject" : "";
            h.append("<tr class=\"").append(cls).append("\"><td class=\"num\">")
                    .append(TimeFormat.seconds(e.timeS())).append("</td><td>").append(escape(e.type()))
                    .append("</td><td>").append(escape(e.subject())).append("</td><td>").append(escape(e.level()))
                    .append("</td><td class=\"num\">").append(Double.isNaN(e.value()) ? ""
                            : escape(String.format(Locale.ROOT, "%.6g %s", e.value(), e.unit()).strip()))
                    .append("</td><td class=\"num\">").append(e.cell() > 0 ? Integer.toString(e.cell()) : "")
                    .append("</td><td>").append(escape(e.note())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String figure(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isNumber()) {
            return String.format(Locale.ROOT, "%.5g", v.asDouble());
        }
        return escape(v.asText());
    }

    static String escape(String text) {
        return Html.escape(text);
    }
}
