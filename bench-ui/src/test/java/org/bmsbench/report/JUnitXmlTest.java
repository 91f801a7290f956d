package org.bmsbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioRunner;
import org.bmsbench.sim.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** The JUnit XML report against the schema CI tools check it with, and what Jenkins and GitLab show from it. */
class JUnitXmlTest {
    /** A 4s1p pack that closes and rests; {@code %s} is the name and the contactor state expected by 5 s. */
    private static final String SCENARIO = """
            name: %s
            pack: {series: 4, initial: {soc: 0.5}}
            profile:
              - rest: {duration_s: 10}
            expect:
              - {contactors: %s, by_s: 5}
              - {signal: cell_voltage_min_v, min_above: 3.0}
            """;

    @TempDir
    Path dir;

    private JUnitXml.Entry run(String file, String name, String contactors) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, SCENARIO.formatted(name, contactors));
        Scenario scenario = ScenarioFiles.read(path);
        return new JUnitXml.Entry(name, scenario.source(), new ScenarioRunner().run(scenario), null);
    }

    @Test
    void shouldWriteAReportTheJenkinsSchemaAccepts() throws Exception {
        List<JUnitXml.Entry> entries = List.of(run("scenarios/closes.yaml", "closes", "closed"),
                run("scenarios/sub/expects-open.yaml", "expects-open", "open"),
                new JUnitXml.Entry("broken <&>", dir.resolve("scenarios/broken.yaml").toString(), null,
                        "the scenario could not run: \"quoted\" & <angled>"));
        Path report = dir.resolve("junit.xml");

        JUnitXml.write(report, "bmsbench shard 1 of 2", List.of(dir.resolve("scenarios")), entries);

        Path schema = ReferenceData.file("junit/junit-10.xsd");
        try {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema.toFile()).newValidator()
                    .validate(new StreamSource(report.toFile()));
        } catch (SAXException e) {
            throw new AssertionError("junit.xml does not validate against " + schema + ": " + e.getMessage()
                    + "\n" + Files.readString(report), e);
        }
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element root = xml.getDocumentElement();
        assertThat(root.getAttribute("name")).isEqualTo("bmsbench shard 1 of 2");
        assertThat(root.getAttribute("tests")).isEqualTo("3");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(3);

        Element closes = testcase(xml, 0);
        assertThat(closes.getAttribute("classname")).isEqualTo("scenarios");
        assertThat(closes.getElementsByTagName("failure").getLength()).isZero();
        Element suite = (Element) closes.getParentNode();
        assertThat(suite.getAttribute("name")).isEqualTo("scenarios.closes");
        Element property = (Element) suite.getElementsByTagName("property").item(0);
        assertThat(property.getAttribute("name")).isEqualTo("file");
        assertThat(property.getAttribute("value")).isEqualTo(entries.get(0).file());

        Element failed = testcase(xml, 1);
        assertThat(failed.getAttribute("classname")).isEqualTo("scenarios.sub");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("contactors");
        assertThat(failure.getAttribute("message")).startsWith("contactors open by 5");
        assertThat(failure.getTextContent()).contains("FAILED  contactors open").contains("ok      cell_voltage_min_v");

        Element error = (Element) testcase(xml, 2).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("the scenario could not run: \"quoted\" & <angled>");
    }

    @Test
    void shouldWriteAnEmptyReportTheSchemaAccepts() throws Exception {
        Path report = dir.resolve("junit.xml");
        JUnitXml.write(report, "bmsbench shard 3 of 3", List.of(dir), List.of());
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(ReferenceData.file("junit/junit-10.xsd").toFile()).newValidator()
                .validate(new StreamSource(report.toFile()));
        assertThat(Files.readString(report)).contains("tests=\"0\"");
    }

    private static Element testcase(Document xml, int index) {
        return (Element) xml.getElementsByTagName("testcase").item(index);
    }

    @Test
    void shouldNameTheClassAfterTheScenariosFolderFromTheFolderSearched() {
        Path scenarios = dir.resolve("scenarios");
        Path file = scenarios.resolve("examples/x.yaml");
        assertThat(JUnitXml.classname(file, List.of(scenarios))).isEqualTo("scenarios.examples");
        assertThat(JUnitXml.classname(scenarios.resolve("y.yaml"), List.of(scenarios))).isEqualTo("scenarios");
        // a file given on its own: its folder
        assertThat(JUnitXml.classname(file, List.of(file))).isEqualTo("examples");
        // the folder given from further up names the path from there
        assertThat(JUnitXml.classname(file, List.of(dir))).isEqualTo(dir.getFileName() + ".scenarios.examples");
        // relative and absolute paths name the same folder
        Path here = Path.of("").toAbsolutePath();
        assertThat(JUnitXml.classname(Path.of("src/test/x.yaml"), List.of(here.resolve("src"))))
                .isEqualTo("src.test");
    }
}
