package dev.glasscart.replay;

import dev.glasscart.testing.TestApp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.Glasscart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The committed QA transcripts (qa/transcripts) replayed against the real application (embedded
 * PostgreSQL, demo catalog, Lucene, ONNX embeddings, built-in explainer) as {@code ./glasscart serve}
 * starts it, on a random port.
 */
final class ReplayEndToEndTest {
  private static Glasscart app;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start(TestApp.config(TestApp.freshDataDir("replay")));
    url = "ws://localhost:" + app.port() + "/ws/chat";
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  @Test
  void should_pass_every_turn_of_the_qa_transcripts() throws Exception {
    // Given the committed transcripts
    int turns = TranscriptParser.expand(List.of(Path.of("qa", "transcripts"))).stream()
        .mapToInt(f -> TranscriptParser.read(f).turns().size()).sum();
    Path xml = Files.createDirectories(Path.of("target", "tmp")).resolve("replay-qa.xml");

    // When replayed with a JUnit report
    ReplayCommandTest.Run r = ReplayCommandTest.run("--url", url, "qa/transcripts", "--junit", xml.toString());

    // Then every turn passes, line by line, and the report agrees
    assertEquals(0, r.code(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(turns, lines.stream().filter(l -> l.startsWith("PASS ")).count(), r.out());
    assertEquals(turns + " passed, 0 failed", lines.getLast());
    Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
    assertEquals(String.valueOf(turns), root.getAttribute("tests"));
    assertEquals("0", root.getAttribute("failures"));
  }

  @Test
  void should_report_broken_promises_and_exit_with_1() {
    // Given a transcript whose expectations the demo catalog cannot meet (turns 1 and 2), When replayed
    ReplayCommandTest.Run r = ReplayCommandTest.run("--url", url, "src/test/resources/replay/failing.json");

    // Then the exit code is 1 and each failure says why
    assertEquals(1, r.code(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(4, lines.size(), r.out());
    String turn1 = lines.get(0);
    assertTrue(turn1.startsWith("FAIL failing-on-purpose turn 1 \"waterproof hiking boots under $120\": expected at most 0 results, got "), turn1);
    assertTrue(turn1.contains("text lacks \"free shipping\""), turn1);
    assertTrue(!turn1.contains("grounded") && !turn1.contains("explainer"), "the kept promises are not reported: " + turn1);
    String turn2 = lines.get(1);
    assertTrue(turn2.startsWith("FAIL failing-on-purpose turn 2 \"only brown\": "), turn2);
    assertTrue(turn2.contains(", expected Nike") && turn2.contains("expected no-such-product"), turn2);
    assertTrue(lines.get(2).startsWith("PASS failing-on-purpose turn 3: \"why the second one\""), lines.get(2));
    assertEquals("1 passed, 2 failed", lines.get(3));
  }
}
