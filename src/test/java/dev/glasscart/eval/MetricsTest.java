package dev.glasscart.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class MetricsTest {
  // grades 4, 3, 2, 1 gain 7, 3, 1, 0
  private static final Map<String, Integer> JUDGED = Map.of("d1", 4, "d2", 3, "d5", 2, "d3", 1);

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void should_compute_ndcg_against_the_ideal_of_all_judged_documents() {
    // Given the ranking d2, d1, d4 (d4 unjudged)
    List<String> ranking = List.of("d2", "d1", "d4");
    // When nDCG@10 is computed
    double ndcg = Metrics.ndcg(ranking, JUDGED, 10);
    // Then DCG = 3/1 + 7/log2(3) over the ideal 7/1 + 3/log2(3) + 1/log2(4) (+ 0 for grade 1)
    double dcg = 3 + 7 / log2(3);
    double idcg = 7 + 3 / log2(3) + 1 / log2(4);
    assertEquals(dcg / idcg, ndcg, 1e-12);
    assertEquals(0.78960, ndcg, 1e-5);
  }

  @Test
  void should_cut_ndcg_at_k_and_score_the_ideal_ranking_one() {
    assertEquals(1.0, Metrics.ndcg(List.of("d1", "d2", "d5", "d3"), JUDGED, 10), 1e-12);
    // at k=1 only the top document and the top ideal gain count: 3 / 7
    assertEquals(3.0 / 7, Metrics.ndcg(List.of("d2", "d1"), JUDGED, 1), 1e-12);
    assertEquals(0.0, Metrics.ndcg(List.of("d1"), Map.of(), 10));
  }

  @Test
  void should_agree_between_gain_array_and_id_based_ndcg_on_random_rankings() {
    Random random = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      // Given random judgments (some judged products not retrieved) and a random ranking
      Map<String, Integer> judgments = new HashMap<>();
      List<String> ranking = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String id = "d" + i;
        if (random.nextInt(3) > 0) judgments.put(id, 1 + random.nextInt(4));
        if (random.nextInt(4) > 0) ranking.add(id);
      }
      double[] gains = ranking.stream().mapToDouble(id -> Qrels.gain(judgments.getOrDefault(id, 0))).toArray();
      List<Double> allGains = judgments.values().stream().map(Qrels::gain).toList();

      // Then the gain-array nDCG@10 (the trainer's) equals the id-based one (eval's)
      assertEquals(Metrics.ndcg(ranking, judgments, 10), Metrics.ndcg(gains, allGains, 10), 1e-12);
    }
  }

  @Test
  void should_count_grade_two_and_above_as_relevant_for_recall() {
    // relevant: d1, d2, d5; d3 (grade 1) is not
    assertEquals(2.0 / 3, Metrics.recall(List.of("d2", "d3", "d1", "d4"), JUDGED, 100), 1e-12);
    assertEquals(1.0 / 3, Metrics.recall(List.of("d2", "d3", "d1", "d4"), JUDGED, 1), 1e-12);
  }

  @Test
  void should_take_the_reciprocal_rank_of_the_first_relevant_document() {
    assertEquals(1.0 / 3, Metrics.reciprocalRank(List.of("d3", "d4", "d5"), JUDGED, 10), 1e-12);
    assertEquals(0.0, Metrics.reciprocalRank(List.of("d3", "d4", "d5"), JUDGED, 2));
  }

  @Test
  void should_take_nearest_rank_percentiles() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) nanos[i] = (100 - i) * 1_000_000L; // 100 ms .. 1 ms, unsorted
    Latencies latencies = new Latencies(nanos);
    assertEquals(50.0, latencies.p50Millis(), 1e-9);
    assertEquals(99.0, latencies.p99Millis(), 1e-9);
  }
}
