package dev.glasscart.ranking.train;

import dev.glasscart.eval.Metrics;
import dev.glasscart.ranking.RankerModel;
import dev.glasscart.ranking.TrainingNote;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * K-fold cross-validation split by query (a query's candidates never sit in both the training and
 * the held-out part), plus nDCG@10 of a model or of retrieval order on prepared queries.
 * Deterministic for a given seed; blocking CPU work; stateless and thread-safe.
 */
public final class CrossValidation {

  /**
   * @param heldOut mean held-out nDCG@10 of the trained model, per fold
   * @param baseline mean held-out nDCG@10 of retrieval order, per fold
   */
  public record Result(List<Double> heldOut, List<Double> baseline) {
    public double meanHeldOut() {
      return heldOut.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public double meanBaseline() {
      return baseline.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
  }

  private CrossValidation() {}

  public static Result run(LambdaRankTrainer trainer, List<PreparedQuery> data, int folds, long seed) {
    if (folds < 2 || folds > data.size()) {
      throw new IllegalArgumentException("illegal folds " + folds + ", must be between 2 and the " + data.size() + " queries");
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) order.add(i);
    Collections.shuffle(order, new Random(seed));
    List<Double> heldOut = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      List<PreparedQuery> train = new ArrayList<>();
      List<PreparedQuery> test = new ArrayList<>();
      for (int i = 0; i < order.size(); i++) (i % folds == f ? test : train).add(data.get(order.get(i)));
      RankerModel model = trainer.train(train, TrainingNote.untrained());
      heldOut.add(meanNdcgAt10(model, test));
      baseline.add(meanBaselineNdcgAt10(test));
    }
    return new Result(heldOut, baseline);
  }

  /** Mean nDCG@10 when {@code model} reranks each query's candidates. */
  public static double meanNdcgAt10(RankerModel model, List<PreparedQuery> data) {
    double[] w = model.weightVector();
    double[] s = model.scaleVector();
    double sum = 0;
    for (PreparedQuery q : data) {
      int n = q.size();
      double[] score = new double[n];
      for (int i = 0; i < n; i++) score[i] = LambdaRankTrainer.dot(w, q.features()[i], s);
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < n; i++) idx.add(i);
      idx.sort((a, b) -> Double.compare(score[b], score[a])); // stable: ties keep retrieval order
      double[] ranked = new double[n];
      for (int r = 0; r < n; r++) ranked[r] = q.gains()[idx.get(r)];
      sum += Metrics.ndcg(ranked, q.allGains(), 10);
    }
    return data.isEmpty() ? Double.NaN : sum / data.size();
  }

  /** Mean nDCG@10 of the retrieval order. */
  public static double meanBaselineNdcgAt10(List<PreparedQuery> data) {
    double sum = 0;
    for (PreparedQuery q : data) sum += Metrics.ndcg(q.gains(), q.allGains(), 10);
    return data.isEmpty() ? Double.NaN : sum / data.size();
  }
}
