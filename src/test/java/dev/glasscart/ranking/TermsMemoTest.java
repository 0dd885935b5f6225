package dev.glasscart.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glasscart.retrieval.Signals;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class TermsMemoTest {

  @Test
  void should_give_the_analyzers_terms_in_order_analyzing_each_text_once() {
    // Given the lexical analysis behind a memo that counts analyses
    AtomicInteger analyses = new AtomicInteger();
    ProductAnalyzer analyzer = ProductAnalyzer.standard();
    TermsMemo memo = new TermsMemo(text -> {
      analyses.incrementAndGet();
      return ProductAnalyzer.terms(analyzer, Signals.TITLE, text);
    });
    String title = "Waterproof Hiking Boots for hiking, Waterproof";

    // When a title is asked for twice
    Set<String> once = memo.terms(title);
    Set<String> twice = memo.terms(title);

    // Then both are the analyzer's distinct terms in order, from one analysis
    assertEquals(ProductAnalyzer.terms(analyzer, Signals.TITLE, title), new ArrayList<>(once));
    assertSame(once, twice);
    assertEquals(1, analyses.get());
    // and nobody can change what later callers get
    assertThrows(UnsupportedOperationException.class, () -> once.add("x"));
    // and blank or missing text is no terms
    assertEquals(Set.of(), memo.terms(""));
    assertEquals(Set.of(), memo.terms(null));
  }

  @Test
  void should_start_afresh_when_full_and_still_answer_right() {
    // Given a memo filled to its bound
    TermsMemo memo = new TermsMemo(text -> List.of(text.toLowerCase()));
    for (int i = 0; i < TermsMemo.MAX_ENTRIES; i++) memo.terms("T" + i);
    assertEquals(TermsMemo.MAX_ENTRIES, memo.size());

    // When one more text comes, it starts afresh with that one
    assertEquals(Set.of("new"), memo.terms("NEW"));
    assertEquals(1, memo.size());
    // and earlier texts are analyzed again, the same
    assertEquals(Set.of("t7"), memo.terms("T7"));
  }
}
