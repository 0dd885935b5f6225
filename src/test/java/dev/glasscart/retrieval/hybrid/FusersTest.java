package dev.glasscart.retrieval.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class FusersTest {

  static Candidate lexical(String id, double score) {
    return new Candidate(id, score, Map.of("bm25", score, "bm25_title", score), Map.of("title", Set.of("shoe")));
  }

  static Candidate semantic(String id, double score) {
    return new Candidate(id, score, Map.of("dense", score), Map.of());
  }

  static List<String> ids(List<Candidate> candidates) {
    return candidates.stream().map(Candidate::productId).toList();
  }

  @Test
  void should_sum_reciprocal_ranks_of_both_sides() {
    // Given a product ranked 2nd lexically and 1st semantically
    List<Candidate> lex = List.of(lexical("a", 9), lexical("b", 8), lexical("c", 7));
    List<Candidate> sem = List.of(semantic("b", 0.9), semantic("d", 0.8));
    // When fused with k=60
    List<Candidate> fused = RrfFuser.standard().fuse(lex, sem, 10);
    // Then b leads with 1/62 + 1/61, and a single-side product gets only its side's part
    assertEquals(List.of("b", "a", "d", "c"), ids(fused));
    assertEquals(1.0 / 62 + 1.0 / 61, fused.get(0).score(), 1e-12);
    assertEquals(1.0 / 61, fused.get(1).signal(Signals.LEXICAL_PART), 1e-12);
    assertEquals(0.0, fused.get(1).signal(Signals.SEMANTIC_PART));
  }

  @Test
  void should_fuse_ties_by_rank() {
    // Given, with rank constant 0, three products all scoring exactly 1
    List<Candidate> lex = List.of(lexical("z", 5), lexical("m", 4));
    List<Candidate> sem = List.of(semantic("y", 0.9), semantic("m", 0.8));
    // When fused
    List<Candidate> fused = new RrfFuser(0, 1, 1).fuse(lex, sem, 10);
    // Then the better best rank wins the tie (y, z at rank 1 before m at rank 2), then the id
    fused.forEach(c -> assertEquals(1.0, c.score(), 1e-12));
    assertEquals(List.of("y", "z", "m"), ids(fused));
  }

  @Test
  void should_normalize_each_side_before_blending() {
    // Given lexical scores 10, 6, 2 and semantic scores 0.9, 0.5
    List<Candidate> lex = List.of(lexical("a", 10), lexical("b", 6), lexical("c", 2));
    List<Candidate> sem = List.of(semantic("c", 0.9), semantic("d", 0.5));
    // When blended with semantic weight 0.4
    Map<String, Candidate> fused = new java.util.HashMap<>();
    new ScoreBlendFuser(0.4).fuse(lex, sem, 10).forEach(c -> fused.put(c.productId(), c));
    // Then min-max maps each side to [0, 1] and weights it
    assertEquals(0.6 * 1.0, fused.get("a").signal(Signals.LEXICAL_PART), 1e-12);
    assertEquals(0.6 * 0.5, fused.get("b").signal(Signals.LEXICAL_PART), 1e-12);
    assertEquals(0.0, fused.get("c").signal(Signals.LEXICAL_PART), 1e-12);
    assertEquals(0.4 * 1.0, fused.get("c").signal(Signals.SEMANTIC_PART), 1e-12);
    assertEquals(0.0, fused.get("d").signal(Signals.SEMANTIC_PART), 1e-12);
  }

  @Test
  void should_give_full_weight_when_all_scores_are_equal() {
    // Given a single-candidate semantic list
    List<Candidate> fused = new ScoreBlendFuser(0.5).fuse(List.of(), List.of(semantic("x", 0.3)), 5);
    // Then its normalized score is 1
    assertEquals(0.5, fused.get(0).score(), 1e-12);
  }

  @Test
  void should_keep_both_sides_signals_and_parts_that_add_up_to_the_score() {
    // Given overlapping lists
    List<Candidate> lex = new ArrayList<>();
    List<Candidate> sem = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lex.add(lexical("p" + i, 20 - i));
      sem.add(semantic("p" + (i * 3 % 25), 1 - i / 40.0));
    }
    for (Fuser fuser : List.of(RrfFuser.standard(), new RrfFuser(10, 0.7, 1.3), new ScoreBlendFuser(0.3))) {
      // When fused to 15
      List<Candidate> fused = fuser.fuse(lex, sem, 15);
      // Then the parts add up, the list is sorted, and both sides' signals survive
      assertEquals(15, fused.size(), fuser.toString());
      for (int i = 0; i < fused.size(); i++) {
        Candidate c = fused.get(i);
        assertEquals(c.score(), c.signal(Signals.LEXICAL_PART) + c.signal(Signals.SEMANTIC_PART), 1e-15);
        if (i > 0) assertTrue(fused.get(i - 1).score() >= c.score());
      }
      Candidate p0 = fused.stream().filter(c -> c.productId().equals("p0")).findFirst().orElseThrow();
      assertEquals(20.0, p0.signal("bm25_title"));
      assertEquals(1.0, p0.signal("dense"));
      assertEquals(Map.of("title", Set.of("shoe")), p0.matchedTerms());
    }
  }

  @Test
  void should_reject_illegal_parameters_naming_the_value() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ScoreBlendFuser(1.5));
    assertEquals("illegal semantic weight: 1.5, must be between 0 and 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RrfFuser(-1, 1, 1));
    assertTrue(e.getMessage().contains("-1"));
    assertThrows(IllegalArgumentException.class, () -> RrfFuser.standard().fuse(List.of(), List.of(), 0));
  }
}
