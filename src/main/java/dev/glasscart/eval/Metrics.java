package dev.glasscart.eval;

import java.util.List;
import java.util.Map;

/**
 * Ranking metrics for one query. Rankings are product ids, best first; judgments map product id to
 * grade (see {@link Qrels}). Unjudged documents count as grade 0. Pure functions, thread-safe.
 */
public final class Metrics {
  private Metrics() {}

  /**
   * nDCG at {@code k} with gain {@code 2^(grade-1)-1} and discount {@code 1/log2(rank+1)}; the
   * ideal DCG sorts <em>all</em> judged documents of the query by grade. 0 when the ideal is 0.
   */
  public static double ndcg(List<String> ranking, Map<String, Integer> judgments, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      dcg += Qrels.gain(judgments.getOrDefault(ranking.get(i), 0)) / log2(i + 2);
    }
    List<Integer> ideal = judgments.values().stream().sorted(java.util.Comparator.reverseOrder()).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) idcg += Qrels.gain(ideal.get(i)) / log2(i + 2);
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /**
   * Recall at {@code k}: the share of relevant documents (grade >= {@link Qrels#RELEVANT_GRADE})
   * found in the top k. 0 when the query has no relevant document.
   */
  public static double recall(List<String> ranking, Map<String, Integer> judgments, int k) {
    long relevant = judgments.values().stream().filter(Qrels::relevant).count();
    if (relevant == 0) return 0;
    long found = ranking.stream().limit(k).filter(id -> Qrels.relevant(judgments.getOrDefault(id, 0))).count();
    return (double) found / relevant;
  }

  /**
   * Reciprocal rank of the first relevant document (grade >= {@link Qrels#RELEVANT_GRADE}) within
   * the top {@code k}, else 0.
   */
  public static double reciprocalRank(List<String> ranking, Map<String, Integer> judgments, int k) {
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      if (Qrels.relevant(judgments.getOrDefault(ranking.get(i), 0))) return 1.0 / (i + 1);
    }
    return 0;
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
