package org.bmsbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code index.html} of a run folder: every scenario's verdict and a link to its report. */
public final class RunIndex {
    private RunIndex() {
    }

    public static Path write(Path out, List<RunReport.Entry> entries) {
        long failed = entries.stream().filter(e -> !e.passed()).count();
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>bmsbench run</title>\n<style>" + Html.STYLE + "</style></head><body>\n");
        h.append(String.format(Locale.ROOT, "<h1>%s <span class=\"%s\">%s</span></h1>%n",
                TimeFormat.count(entries.size(), "scenario"),
                failed == 0 ? "pass" : "fail", failed == 0 ? "all passed" : failed + " failed"));
        h.append("<table><tr><th></th><th>scenario</th><th>simulated</th><th>first failure</th></tr>\n");
        for (RunReport.Entry e : entries) {
            h.append("<tr class=\"").append(e.passed() ? "pass" : "fail").append("\"><td>")
                    .append(e.passed() ? "pass" : "FAIL").append("</td><td><a href=\"").append(Html.escape(e.link()))
                    .append("\">").append(Html.escape(e.name())).append("</a></td><td class=\"num\">")
                    .append(TimeFormat.duration(e.simulatedS())).append("</td><td>")
                    .append(Html.escape(e.firstFailure())).append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        Path file = out.resolve("index.html");
        try {
            RunFolder.replace(file, stream -> stream.write(h.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
