package dev.glasscart.eval;

import java.util.Comparator;
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
    double[] gains = new double[Math.min(k, ranking.size())];
    for (int i = 0; i < gains.length; i++) gains[i] = Qrels.gain(judgments.getOrDefault(ranking.get(i), 0));
    return ndcg(gains, judgments.values().stream().map(Qrels::gain).toList(), k);
  }

  /**
   * nDCG at {@code k} of gains given directly: {@code rankedGains} in ranked order against the
   * ideal order of {@code allGains} (every judged gain of the query); 0 when the ideal is 0.
   */
  public static double ndcg(double[] rankedGains, List<Double> allGains, int k) {
    double ideal = idealDcg(allGains, k);
    return ideal == 0 ? 0 : dcg(rankedGains, k) / ideal;
  }

  /** DCG of {@code gains} in the given order, cut at {@code k}. */
  public static double dcg(double[] gains, int k) {
    double sum = 0;
    for (int r = 0; r < Math.min(k, gains.length); r++) sum += gains[r] / log2(r + 2);
    return sum;
  }

  /** DCG at {@code k} of {@code allGains} sorted best first. */
  public static double idealDcg(List<Double> allGains, int k) {
    double[] sorted = allGains.stream().sorted(Comparator.reverseOrder()).mapToDouble(Double::doubleValue).toArray();
    return dcg(sorted, k);
  }

  /** The rank discount {@code 1/log2(rank+2)} for a 0-based rank. */
  public static double discount(int rank) {
    return 1.0 / log2(rank + 2);
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
