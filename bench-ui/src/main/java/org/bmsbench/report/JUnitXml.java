package org.bmsbench.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.bmsbench.scenario.Expectation;
import org.bmsbench.scenario.ScenarioResult;

/**
 * A JUnit XML report, the format every CI understands, valid against the Jenkins xUnit plugin's
 * {@code junit-10.xsd} (which GitLab's and GitHub's reporters read as well). One {@code <testsuite>} per scenario
 * holding its one {@code <testcase>}: the schema allows {@code <properties>} on a suite only, and the scenario's
 * file is one. Jenkins and GitLab group the cases by {@code classname}, the scenario's folder as named from the
 * path the run was given ({@code scenarios}, {@code scenarios.examples}); the shards' reports merge by
 * concatenating their suites. A failed scenario's {@code <failure>} lists every expectation's verdict and has the
 * first failed expectation's kind as its {@code type}; a scenario that could not run has an {@code <error>}.
 */
public final class JUnitXml {
    /** A case's classname when its folder has no name (a scenario at the file system's root). */
    private static final String NO_FOLDER = "bmsbench";

    private JUnitXml() {
    }

    /** One scenario's entry: its result, or the error that stopped it. */
    public record Entry(String name, String file, ScenarioResult result, String error) {
    }

    /**
     * Writes the report of a run named {@code run}; {@code searched} are the files and folders the run was given,
     * from which each scenario's folder is named.
     */
    public static void write(Path file, String run, List<Path> searched, List<Entry> entries) throws IOException {
        RunFolder.replace(file, out -> write(out, file, run, searched, entries));
    }

    private static void write(OutputStream out, Path file, String run, List<Path> searched, List<Entry> entries)
            throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", run);
            xml.writeAttribute("tests", Integer.toString(entries.size()));
            xml.writeAttribute("failures", Long.toString(entries.stream().filter(JUnitXml::failed).count()));
            xml.writeAttribute("errors", Long.toString(entries.stream().filter(e -> e.result() == null).count()));
            xml.writeAttribute("time", seconds(entries.stream().mapToDouble(JUnitXml::wallS).sum()));
            xml.writeCharacters("\n");
            for (Entry entry : entries) {
                testsuite(xml, classname(Path.of(entry.file()), searched), entry);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean failed(Entry e) {
        return e.result() != null && !e.result().passed();
    }

    private static double wallS(Entry e) {
        return e.result() == null ? 0 : e.result().wallS();
    }

    private static void testsuite(XMLStreamWriter xml, String classname, Entry entry) throws XMLStreamException {
        ScenarioResult result = entry.result();
        xml.writeCharacters("  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", classname + "." + entry.name());
        xml.writeAttribute("tests", "1");
        xml.writeAttribute("failures", failed(entry) ? "1" : "0");
        xml.writeAttribute("errors", result == null ? "1" : "0");
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", seconds(wallS(entry)));
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", "file");
        xml.writeAttribute("value", entry.file());
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", entry.name());
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("time", seconds(wallS(entry)));
        if (result == null) {
            xml.writeStartElement("error");
            xml.writeAttribute("message", entry.error());
            xml.writeCharacters(entry.error());
            xml.writeEndElement();
        } else {
            if (!result.passed()) {
                failure(xml, result);
            }
            xml.writeStartElement("system-out");
            xml.writeCharacters(String.format(Locale.ROOT, "simulated %.1f s in %.2f s (%.0fx real time)",
                    result.simulatedS(), result.wallS(), result.speedUp()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void failure(XMLStreamWriter xml, ScenarioResult result) throws XMLStreamException {
        Expectation.Outcome first = result.firstFailure();
        xml.writeStartElement("failure");
        xml.writeAttribute("type", first.kind().id());
        xml.writeAttribute("message", first.expectation() + ": " + first.detail());
        StringBuilder body = new StringBuilder();
        for (Expectation.Outcome o : result.outcomes()) {
            body.append(o.passed() ? "ok      " : "FAILED  ").append(o.expectation()).append(": ")
                    .append(o.detail()).append('\n');
        }
        xml.writeCharacters(body.toString());
        xml.writeEndElement();
    }

    /**
     * A scenario file's folder, dotted as a Java package (Jenkins shows the dots as a tree), from the folder the
     * run searched: {@code scenarios/examples/x.yaml} found under {@code scenarios} (or {@code ./scenarios}, or
     * its absolute path) is {@code scenarios.examples}; a file given on its own is named by its own folder.
     */
    public static String classname(Path scenarioFile, List<Path> searched) {
        Path file = scenarioFile.toAbsolutePath().normalize();
        Path folder = file.getParent();
        Path base = folder == null ? null : folder.getParent();
        for (Path path : searched) {
            Path root = path.toAbsolutePath().normalize();
            if (!root.equals(file) && file.startsWith(root)) {
                base = root.getParent();
                break;
            }
        }
        Path relative = folder == null ? null : base == null ? folder.getRoot().relativize(folder)
                : base.relativize(folder);
        if (relative == null || relative.toString().isEmpty()) {
            return NO_FOLDER;
        }
        StringBuilder name = new StringBuilder();
        for (Path part : relative) {
            name.append(name.length() == 0 ? "" : ".").append(part);
        }
        return name.toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
