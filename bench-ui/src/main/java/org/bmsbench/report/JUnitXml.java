package org.bmsbench.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.bmsbench.scenario.Expectation;
import org.bmsbench.scenario.ScenarioResult;

/**
 * A JUnit XML report, the format every CI understands: one {@code <testsuite>} per run (so the reports of CI
 * shards merge by concatenating their suites), one {@code <testcase>} per scenario, a {@code <failure>} with the
 * failed expectations when a scenario fails, an {@code <error>} when one could not run.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    /** One scenario's entry: its result, or the error that stopped it. */
    public record Entry(String name, String file, ScenarioResult result, String error) {
    }

    public static void write(Path file, String suite, List<Entry> entries) throws IOException {
        RunFolder.replace(file, out -> write(out, file, suite, entries));
    }

    private static void write(OutputStream out, Path file, String suite, List<Entry> entries) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeCharacters("\n");
            long failures = entries.stream().filter(e -> e.result() != null && !e.result().passed()).count();
            long errors = entries.stream().filter(e -> e.result() == null).count();
            double time = entries.stream().filter(e -> e.result() != null).mapToDouble(e -> e.result().wallS()).sum();
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suite);
            xml.writeAttribute("tests", Integer.toString(entries.size()));
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeAttribute("errors", Long.toString(errors));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", seconds(time));
            xml.writeCharacters("\n");
            for (Entry entry : entries) {
                testcase(xml, suite, entry);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void testcase(XMLStreamWriter xml, String suite, Entry entry) throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", entry.name());
        xml.writeAttribute("classname", suite);
        xml.writeAttribute("file", entry.file());
        ScenarioResult result = entry.result();
        xml.writeAttribute("time", seconds(result == null ? 0 : result.wallS()));
        if (result == null) {
            xml.writeStartElement("error");
            xml.writeAttribute("message", entry.error());
            xml.writeCharacters(entry.error());
            xml.writeEndElement();
        } else if (!result.passed()) {
            Expectation.Outcome first = result.firstFailure();
            xml.writeStartElement("failure");
            xml.writeAttribute("message", first.expectation() + ": " + first.detail());
            StringBuilder body = new StringBuilder();
            for (Expectation.Outcome o : result.outcomes()) {
                body.append(o.passed() ? "ok      " : "FAILED  ").append(o.expectation()).append(": ")
                        .append(o.detail()).append('\n');
            }
            xml.writeCharacters(body.toString());
            xml.writeEndElement();
        }
        if (result != null) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(String.format(Locale.ROOT, "simulated %.1f s in %.2f s (%.0fx real time)",
                    result.simulatedS(), result.wallS(), result.speedUp()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
