package dev.glasscart.ranking.train;

import java.util.Arrays;
import java.util.List;

/** nDCG@k with gains given directly and discount {@code 1/log2(rank+1)}. Pure, thread-safe. */
final class Ndcg {
  private Ndcg() {}

  /** DCG of {@code gains} in the given order, cut at {@code k}. */
  static double dcg(double[] gains, int k) {
    double sum = 0;
    for (int r = 0; r < Math.min(k, gains.length); r++) sum += gains[r] * discount(r);
    return sum;
  }

  /** nDCG@k of {@code ranked} against the ideal order of {@code allGains}; 0 when nothing is relevant. */
  static double at(double[] ranked, List<Double> allGains, int k) {
    double ideal = idealDcg(allGains, k);
    return ideal == 0 ? 0 : dcg(ranked, k) / ideal;
  }

  static double idealDcg(List<Double> allGains, int k) {
    double[] g = allGains.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(g);
    for (int i = 0; i < g.length / 2; i++) {
      double t = g[i];
      g[i] = g[g.length - 1 - i];
      g[g.length - 1 - i] = t;
    }
    return dcg(g, k);
  }

  /** {@code 1/log2(rank+2)} for a 0-based rank. */
  static double discount(int rank) {
    return 1.0 / (Math.log(rank + 2) / Math.log(2));
  }
}
