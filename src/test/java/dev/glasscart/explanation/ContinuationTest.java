package dev.glasscart.explanation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ContinuationTest {
  private final List<Claim> claims = new BuiltinExplainer().claims(Fixtures.search());

  @Test
  void should_give_the_whole_builtin_answer_when_nothing_was_said() {
    assertEquals(Claim.render(claims), Continuation.after("", claims));
  }

  @Test
  void should_mark_a_cut_off_sentence_and_skip_the_opening_line() {
    // Given a model cut off mid-sentence, in its own words
    String said = "Great picks here! The Trail Boot is a sturdy";
    String rest = Continuation.after(said, claims);
    // Then the built-in text follows after "...", without its opening line, and all facts are there
    assertTrue(rest.startsWith("... Trail Boot by Timberland costs $89.99"), rest);
    assertFalse(rest.contains("Here are my best matches"), rest);
    assertEquals(Claim.render(claims.subList(1, claims.size())), rest.substring(4));
  }

  @Test
  void should_not_repeat_sentences_already_said_even_in_other_case_or_spacing() {
    String said = claims.get(1).sentence().toUpperCase() + "  ";
    String rest = Continuation.after(said, claims);
    assertEquals(Claim.render(claims.subList(2, claims.size())), rest);
  }
}
