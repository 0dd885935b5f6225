package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.testing.FakeOllama;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class OllamaConstraintProposerTest {

  @Test
  void should_return_the_models_json_and_send_the_instructions_and_the_message() throws Exception {
    try (FakeOllama ollama = new FakeOllama()) {
      ollama.proposal = "{\"constraints\": [{\"kind\": \"price_max\", \"value\": \"80\"}]}";
      OllamaConstraintProposer proposer = new OllamaConstraintProposer(ollama.url(), "m", Duration.ofSeconds(5), Path.of("prompts"));
      assertEquals(ollama.proposal, proposer.propose("boots, nothing over 80"));
      String request = ollama.proposalRequests.getFirst().encode();
      assertTrue(request.contains("boots, nothing over 80") && request.contains("price_max") && request.contains("\"format\""), request);
    }
  }

  @Test
  void should_give_nothing_when_the_model_is_unreachable() {
    OllamaConstraintProposer proposer = new OllamaConstraintProposer("http://127.0.0.1:1", "m", Duration.ofSeconds(2), null);
    assertNull(proposer.propose("boots"));
  }

  @Test
  void should_ask_a_slow_model_once_and_give_up_at_its_timeout() throws Exception {
    try (FakeOllama ollama = new FakeOllama()) {
      // Given a model that answers after 3 s and a 500 ms cap
      ollama.proposalDelayMs = 3000;
      OllamaConstraintProposer proposer = new OllamaConstraintProposer(ollama.url(), "m", Duration.ofMillis(500), null);

      // When a proposal is asked for
      long t0 = System.nanoTime();
      String proposal = proposer.propose("boots");
      long ms = (System.nanoTime() - t0) / 1_000_000;

      // Then the rules decide alone after one request, not after one per retry
      assertNull(proposal);
      assertEquals(1, ollama.proposalRequests.size(), "the model was asked " + ollama.proposalRequests.size() + " times");
      assertTrue(ms < 2500, "gave up after " + ms + " ms");
    }
  }
}
