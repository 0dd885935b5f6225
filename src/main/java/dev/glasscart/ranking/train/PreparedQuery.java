package dev.glasscart.ranking.train;

import java.util.List;

/**
 * A training query reduced to numbers: per candidate (in retrieval order) its transformed,
 * unscaled feature values and its gain, plus all the query's judged gains.
 */
public record PreparedQuery(String id, double[][] features, double[] gains, List<Double> allGains, double idealDcg) {

  public int size() {
    return gains.length;
  }
}
