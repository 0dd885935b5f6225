package dev.glasscart.ranking.train;

import dev.glasscart.eval.Metrics;
import dev.glasscart.ranking.Feature;
import dev.glasscart.ranking.FeatureExtractor;
import dev.glasscart.ranking.QueryTerms;
import dev.glasscart.ranking.RankerModel;
import dev.glasscart.ranking.RankingQuery;
import dev.glasscart.ranking.TrainingNote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Trains the linear additive model with the LambdaRank gradient: for every pair of candidates of
 * a query with different gains, the RankNet gradient {@code sigmoid(s_j - s_i)} weighted by the
 * nDCG change of swapping them. Full-batch Adam, so training is deterministic. The weights start
 * at the hand-set defaults and the L2 penalty pulls toward them, so features that never vary in
 * the training data (brand, rating and constraint fit on a title+description dataset) keep their
 * default weights instead of dropping to zero; features constant within every query are not
 * updated at all (they cannot change an order, and Adam would otherwise amplify rounding noise).
 *
 * <p>Blocking CPU work; an instance is immutable and thread-safe.
 */
public final class LambdaRankTrainer {

  /** Training settings; validated. */
  public record Config(int epochs, double learningRate, double l2) {
    public Config {
      if (epochs < 1 || epochs > 100_000) throw new IllegalArgumentException("illegal epochs " + epochs + ", must be between 1 and 100000");
      if (!(learningRate > 0 && learningRate <= 10)) throw new IllegalArgumentException("illegal learning rate " + learningRate + ", must be in (0, 10]");
      if (!(l2 >= 0 && l2 <= 100)) throw new IllegalArgumentException("illegal l2 " + l2 + ", must be between 0 and 100");
    }

    public static Config defaults() {
      return new Config(50, 0.05, 0.03);
    }
  }

  private final Config config;
  private final QueryTerms queryTerms;
  private final FeatureExtractor extractor = new FeatureExtractor();

  public LambdaRankTrainer(Config config, QueryTerms queryTerms) {
    this.config = Objects.requireNonNull(config, "config");
    this.queryTerms = Objects.requireNonNull(queryTerms, "queryTerms");
  }

  public Config config() {
    return config;
  }

  /** Extracts and transforms the features of every candidate once. */
  public List<PreparedQuery> prepare(List<TrainingQuery> queries) {
    List<PreparedQuery> out = new ArrayList<>(queries.size());
    for (TrainingQuery tq : queries) {
      RankingQuery q = RankingQuery.of(tq.query(), tq.constraints(), queryTerms);
      int n = tq.candidates().size();
      double[][] x = new double[n][];
      double[] gains = new double[n];
      for (int i = 0; i < n; i++) {
        JudgedCandidate jc = tq.candidates().get(i);
        double[] natural = extractor.extract(q, jc.candidate(), jc.product());
        for (Feature f : Feature.ALL) natural[f.ordinal()] = f.transform(natural[f.ordinal()]);
        x[i] = natural;
        gains[i] = jc.gain();
      }
      out.add(new PreparedQuery(tq.id(), x, gains, tq.allGains(), Metrics.idealDcg(tq.allGains(), Integer.MAX_VALUE)));
    }
    return out;
  }

  /** Trains on {@code data} and returns the model, with {@code note} as its training note. */
  public RankerModel train(List<PreparedQuery> data, TrainingNote note) {
    int m = Feature.ALL.size();
    double[] scales = scales(data);
    double[] prior = RankerModel.untrained().weightVector();
    for (int k = 0; k < m; k++) prior[k] *= scales[k];
    boolean[] varies = varies(data);
    double[] w = prior.clone();
    double[] adamM = new double[m];
    double[] adamV = new double[m];
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      double[] grad = new double[m];
      for (PreparedQuery q : data) accumulate(q, w, scales, grad);
      for (int k = 0; k < m; k++) {
        if (!varies[k]) continue; // a constant feature cannot change any order; keep its prior weight
        double g = grad[k] / Math.max(1, data.size()) - config.l2() * (w[k] - prior[k]);
        adamM[k] = 0.9 * adamM[k] + 0.1 * g;
        adamV[k] = 0.999 * adamV[k] + 0.001 * g * g;
        double mHat = adamM[k] / (1 - Math.pow(0.9, epoch));
        double vHat = adamV[k] / (1 - Math.pow(0.999, epoch));
        w[k] += config.learningRate() * mHat / (Math.sqrt(vHat) + 1e-8);
      }
    }
    return RankerModel.of(w, scales, -meanScore(data, w, scales), note);
  }

  /** Whether each feature takes more than one value within at least one query. */
  static boolean[] varies(List<PreparedQuery> data) {
    boolean[] out = new boolean[Feature.ALL.size()];
    for (PreparedQuery q : data) {
      double[][] x = q.features();
      for (int i = 1; i < x.length; i++) {
        for (int k = 0; k < out.length; k++) {
          if (x[i][k] != x[0][k]) out[k] = true;
        }
      }
    }
    return out;
  }

  /** Standard deviation of each transformed feature over all candidates; 1 where it is constant. */
  static double[] scales(List<PreparedQuery> data) {
    int m = Feature.ALL.size();
    double[] sum = new double[m];
    double[] sq = new double[m];
    long n = 0;
    for (PreparedQuery q : data) {
      for (double[] x : q.features()) {
        for (int k = 0; k < m; k++) {
          sum[k] += x[k];
          sq[k] += x[k] * x[k];
        }
        n++;
      }
    }
    double[] s = new double[m];
    for (int k = 0; k < m; k++) {
      double var = n == 0 ? 0 : sq[k] / n - (sum[k] / n) * (sum[k] / n);
      s[k] = var > 1e-12 ? Math.sqrt(var) : 1.0;
    }
    return s;
  }

  private static void accumulate(PreparedQuery q, double[] w, double[] scales, double[] grad) {
    int n = q.size();
    if (n < 2 || q.idealDcg() == 0) return;
    double[] s = new double[n];
    for (int i = 0; i < n; i++) s[i] = dot(w, q.features()[i], scales);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
    double[] discount = new double[n];
    for (int r = 0; r < n; r++) discount[order[r]] = Metrics.discount(r);
    double[] lambda = new double[n];
    double[] g = q.gains();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (g[i] <= g[j]) continue;
        double delta = Math.abs((g[i] - g[j]) * (discount[i] - discount[j])) / q.idealDcg();
        double rho = 1.0 / (1.0 + Math.exp(s[i] - s[j]));
        lambda[i] += rho * delta;
        lambda[j] -= rho * delta;
      }
    }
    for (int i = 0; i < n; i++) {
      if (lambda[i] == 0) continue;
      double[] x = q.features()[i];
      for (int k = 0; k < w.length; k++) grad[k] += lambda[i] * x[k] / scales[k];
    }
  }

  private static double meanScore(List<PreparedQuery> data, double[] w, double[] scales) {
    double sum = 0;
    long n = 0;
    for (PreparedQuery q : data) {
      for (double[] x : q.features()) {
        sum += dot(w, x, scales);
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  static double dot(double[] w, double[] x, double[] scales) {
    double s = 0;
    for (int k = 0; k < w.length; k++) s += RankerModel.term(w[k], x[k], scales[k]);
    return s;
  }
}
