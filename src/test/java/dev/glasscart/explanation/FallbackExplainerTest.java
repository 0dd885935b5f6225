package dev.glasscart.explanation;

import dev.glasscart.testing.FakeOllama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class FallbackExplainerTest {
  /** Each HTTP request to the in-test Ollama. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final FallbackExplainer.Timeouts FAST =
      new FallbackExplainer.Timeouts(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(10));
  // generous first-token time where the model must win: the first call also loads LangChain4j's
  // classes, which takes long on a busy shared machine
  private static final FallbackExplainer.Timeouts PATIENT =
      new FallbackExplainer.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
  private final BuiltinExplainer builtin = new BuiltinExplainer();
  private FakeOllama ollama;
  private FallbackExplainer fast;
  private FallbackExplainer patient;

  @BeforeEach
  void start() throws Exception {
    ollama = new FakeOllama();
    fast = (FallbackExplainer) Explainers.create(ollama.url(), "m", Path.of("prompts"), FAST, REQUEST_TIMEOUT);
    patient = (FallbackExplainer) Explainers.create(ollama.url(), "m", Path.of("prompts"), PATIENT, REQUEST_TIMEOUT);
  }

  @AfterEach
  void stop() throws Exception {
    fast.close();
    patient.close();
    ollama.close();
  }

  @Test
  void should_answer_with_the_builtin_when_the_model_sends_no_first_token_in_time() throws Exception {
    // Given a model that accepts the request and then hangs
    ollama.script(List.of(), FakeOllama.Ending.STALL, 5);
    Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
    fast.explain(Fixtures.search(), sink);
    Outcome outcome = sink.done.get(10, TimeUnit.SECONDS);

    // Then the built-in explainer answered the whole turn and the model's connection was dropped
    assertEquals(Claim.render(builtin.claims(Fixtures.search())), sink.text());
    assertEquals("builtin", outcome.explainer());
    assertEquals("first_token_timeout", outcome.fallbackReason());
    assertEquals(PromptTemplates.fromClasspath().version(), outcome.promptVersion());
    assertTrue(ollama.clientClosedNanos.get(5, TimeUnit.SECONDS) > 0);
  }

  @Test
  void should_fall_back_at_once_when_the_model_answers_with_an_html_error_page() throws Exception {
    // Given a proxy in front of the model that answers 502 with an HTML page (and one that even
    // says 200 for it)
    for (int status : new int[] {502, 200}) {
      ollama.failWith(status, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
      htmlErrorPage();
    }
  }

  private void htmlErrorPage() throws Exception {
    try {
      Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
      long t0 = System.nanoTime();
      patient.explain(Fixtures.search(), sink);
      Outcome outcome = sink.done.get(10, TimeUnit.SECONDS);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      // Then the built-in explainer answers without waiting for the first-token timeout, and the
      // page's text never reaches the shopper
      assertEquals(Claim.render(builtin.claims(Fixtures.search())), sink.text());
      assertTrue(outcome.fallbackReason().startsWith("error"), outcome.fallbackReason());
      assertTrue(ms < 4_000, "fell back after " + ms + " ms, not after the first-token timeout");
      assertTrue(!sink.text().contains("Bad Gateway"));
    } finally {
      ollama.failWith(0, "text/html", "");
    }
  }

  @Test
  void should_continue_with_the_builtin_after_a_mid_stream_failure_without_repeating() throws Exception {
    // Given a model that says the first two built-in sentences and then drops the connection
    List<Claim> claims = builtin.claims(Fixtures.search());
    String said = claims.get(0).sentence() + " " + claims.get(1).sentence() + " ";
    ollama.script(BuiltinExplainer.tokens(said), FakeOllama.Ending.DROP, 5);
    Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
    patient.explain(Fixtures.search(), sink);
    Outcome outcome = sink.done.get(10, TimeUnit.SECONDS);

    // Then what was shown stays, followed by every other built-in sentence exactly once
    String text = sink.text();
    assertTrue(text.startsWith(said), text);
    assertEquals(said + Claim.render(claims.subList(2, claims.size())), text);
    String whole = Claim.render(claims);
    for (Claim c : claims) {
      assertEquals(occurrences(whole, c.sentence()), occurrences(text, c.sentence()), c.sentence() + " in " + text);
    }
    assertEquals("builtin", outcome.explainer());
    assertTrue(outcome.fallbackReason().startsWith("error: "), outcome.fallbackReason());
    assertTrue(outcome.fallbackReason().contains("characters shown"), outcome.fallbackReason());
    assertEquals(said, outcome.rawModelOutput());
  }

  @Test
  void should_continue_with_the_builtin_when_the_model_stalls_mid_answer() throws Exception {
    // Given a model that says one sentence and then hangs, and a short stall timeout
    String said = "Trail Boot by Timberland costs $89.99, within your $100 budget. ";
    ollama.script(BuiltinExplainer.tokens(said), FakeOllama.Ending.STALL, 5);
    Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
    try (FallbackExplainer stalling = (FallbackExplainer) Explainers.create(ollama.url(), "m", Path.of("prompts"),
        new FallbackExplainer.Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(10)), REQUEST_TIMEOUT)) {
      stalling.explain(Fixtures.search(), sink);
      Outcome outcome = sink.done.get(10, TimeUnit.SECONDS);
      List<Claim> claims = builtin.claims(Fixtures.search());
      assertEquals(said + Claim.render(claims.subList(2, claims.size())), sink.text());
      assertTrue(outcome.fallbackReason().startsWith("stall_timeout"), outcome.fallbackReason());
      assertTrue(ollama.clientClosedNanos.get(5, TimeUnit.SECONDS) > 0, "the stalled stream was closed");
    }
  }

  @Test
  void should_let_the_builtin_take_over_when_the_guard_withheld_everything() throws Exception {
    ollama.script(BuiltinExplainer.tokens("Trail Boot costs $19 and ships free. "), FakeOllama.Ending.FINISH, 5);
    Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
    patient.explain(Fixtures.search(), sink);
    Outcome outcome = sink.done.get(10, TimeUnit.SECONDS);
    assertEquals(Claim.render(builtin.claims(Fixtures.search())), sink.text());
    assertEquals("empty_answer", outcome.fallbackReason());
    assertEquals(1, outcome.grounding().sentencesDropped());
  }

  @Test
  void should_keep_the_model_answer_when_it_streams_in_time() throws Exception {
    String answer = "Trail Boot by Timberland costs $89.99. It is rated 4.6 stars from 212 reviews.";
    ollama.script(BuiltinExplainer.tokens(answer), FakeOllama.Ending.FINISH, 20);
    Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
    patient.explain(Fixtures.search(), sink);
    Outcome outcome = sink.done.get(10, TimeUnit.SECONDS);
    assertEquals(answer, sink.text(), outcome.fallbackReason());
    assertEquals("ollama:m", outcome.explainer());
    assertEquals("", outcome.fallbackReason());
    assertEquals(2, outcome.grounding().sentencesChecked());
  }

  @Test
  void should_use_only_the_builtin_when_ollama_is_not_configured() {
    assertInstanceOf(BuiltinExplainer.class, Explainers.create("", "m", null, FAST, REQUEST_TIMEOUT));
    assertInstanceOf(BuiltinExplainer.class, Explainers.create("http://localhost:11434", null, null, FAST, REQUEST_TIMEOUT));
  }

  private static int occurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
    return n;
  }
}
