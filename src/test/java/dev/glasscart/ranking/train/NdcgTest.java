package dev.glasscart.ranking.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glasscart.eval.Metrics;
import dev.glasscart.eval.Qrels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class NdcgTest {

  @Test
  void should_agree_with_the_eval_metric_on_random_rankings() {
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

      // Then the trainer's gain-array nDCG@10 equals the eval package's
      assertEquals(Metrics.ndcg(ranking, judgments, 10), Ndcg.at(gains, allGains, 10), 1e-12);
    }
  }
}
