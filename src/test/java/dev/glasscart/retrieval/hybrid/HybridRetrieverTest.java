package dev.glasscart.retrieval.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class HybridRetrieverTest {

  /** A retriever over a fixed list that records the k it was asked for. */
  private record FixedRetriever(List<Candidate> list, AtomicInteger askedK) implements Retriever {
    @Override
    public List<Candidate> retrieve(String query, int k) {
      askedK.set(k);
      return list.subList(0, Math.min(k, list.size()));
    }
  }

  @Test
  void should_ask_both_sides_for_the_fusion_depth_and_return_k() {
    // Given two fixed retrievers of 50 products each
    List<Candidate> lex = new ArrayList<>();
    List<Candidate> sem = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lex.add(FusersTest.lexical("l" + i, 50 - i));
      sem.add(FusersTest.semantic(i % 2 == 0 ? "l" + i : "s" + i, 1 - i / 100.0));
    }
    AtomicInteger lexK = new AtomicInteger();
    AtomicInteger semK = new AtomicInteger();
    HybridRetriever hybrid = new HybridRetriever(new FixedRetriever(lex, lexK), new FixedRetriever(sem, semK),
        RrfFuser.standard(), 40);
    // When 10 are retrieved
    List<Candidate> result = hybrid.retrieve("shoes", 10);
    // Then both sides were asked for 40, 10 came back, and l0 (first on both) leads
    assertEquals(40, lexK.get());
    assertEquals(40, semK.get());
    assertEquals(10, result.size());
    assertEquals("l0", result.get(0).productId());
    assertTrue(result.get(0).signal("dense") > 0 && result.get(0).signal("bm25") > 0);
  }

  @Test
  void should_return_nothing_for_a_blank_query() {
    AtomicInteger k = new AtomicInteger(-1);
    HybridRetriever hybrid = new HybridRetriever(new FixedRetriever(List.of(FusersTest.lexical("a", 1)), k),
        new FixedRetriever(List.of(), k), new ScoreBlendFuser(0.5), 100);
    assertEquals(List.of(), hybrid.retrieve("  ", 10));
    assertEquals(-1, k.get());
  }
}
