package dev.glasscart.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML parses back with the JDK's parser and carries the right suites, counts and failures. */
final class JunitReportTest {
  @Test
  void should_write_well_formed_xml_with_a_suite_per_transcript() throws Exception {
    // Given verdicts of two transcripts, with XML-hostile characters in texts and reasons
    TurnEvents none = new TurnEvents(List.of());
    List<TurnVerdict> verdicts = List.of(
        new TurnVerdict("boots", 1, "boots <under> $120 & \"dry\"", List.of(), 1500, none),
        new TurnVerdict("boots", 2, "only brown", List.of("expected at least 1 results, got 0", "text lacks \"brown\u0007\""), 250, none),
        new TurnVerdict("laptops", 1, "laptops not Apple", List.of("error internal: boom"), 20, none));

    // When written and parsed back
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JunitReport.write(out, verdicts);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));

    // Then the root and each suite count tests and failures
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals("3", root.getAttribute("tests"));
    assertEquals("2", root.getAttribute("failures"));
    NodeList suites = doc.getElementsByTagName("testsuite");
    assertEquals(2, suites.getLength());
    Element boots = (Element) suites.item(0);
    assertEquals("boots", boots.getAttribute("name"));
    assertEquals("2", boots.getAttribute("tests"));
    assertEquals("1", boots.getAttribute("failures"));
    assertEquals("1.750", boots.getAttribute("time"));
    Element first = (Element) boots.getElementsByTagName("testcase").item(0);
    assertEquals("turn 1: boots <under> $120 & \"dry\"", first.getAttribute("name"));
    assertEquals(0, first.getElementsByTagName("failure").getLength());
    Element failure = (Element) boots.getElementsByTagName("failure").item(0);
    assertEquals("expected at least 1 results, got 0", failure.getAttribute("message"));
    assertEquals("expected at least 1 results, got 0\ntext lacks \"brown?\"", failure.getTextContent());
    Element laptops = (Element) suites.item(1);
    assertEquals("1", laptops.getAttribute("failures"));
    assertEquals("error internal: boom", ((Element) laptops.getElementsByTagName("failure").item(0)).getAttribute("message"));
  }
}
