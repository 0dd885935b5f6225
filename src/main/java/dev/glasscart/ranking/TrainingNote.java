package dev.glasscart.ranking;

/**
 * How a model was trained, stored with it as {@code trainedOn}.
 *
 * @param dataset the dataset directory or name
 * @param date ISO date-time of training (UTC)
 * @param method e.g. "LambdaRank gradient on a linear model, 300 epochs"
 * @param folds number of cross-validation folds (by query); 0 for hand-set weights
 * @param cvNdcgAt10 mean held-out nDCG@10 over the folds; NaN when untrained
 * @param baselineNdcgAt10 nDCG@10 of the retriever's own order on the same queries; NaN if unknown
 * @param queries number of training queries
 */
public record TrainingNote(
    String dataset, String date, String method, int folds, double cvNdcgAt10, double baselineNdcgAt10,
    int queries) {

  public TrainingNote {
    dataset = dataset == null ? "" : dataset;
    date = date == null ? "" : date;
    method = method == null ? "" : method;
    if (folds < 0) throw new IllegalArgumentException("illegal folds " + folds + ", must be >= 0");
  }

  public static TrainingNote untrained() {
    return new TrainingNote("none", "", "hand-set default weights", 0, Double.NaN, Double.NaN, 0);
  }
}
