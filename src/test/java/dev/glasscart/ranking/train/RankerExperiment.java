package dev.glasscart.ranking.train;

import dev.glasscart.eval.Dataset;
import dev.glasscart.eval.EvalSystems;
import dev.glasscart.ranking.Feature;
import dev.glasscart.ranking.QueryTerms;
import dev.glasscart.ranking.RankerModel;
import dev.glasscart.ranking.TrainingNote;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Feature and setting ablation by 5-fold cross-validation (split by query, seed 42), a benchmark
 * main, not a test: {@code RankerExperiment DATASET CACHE_DIR VARIANT...}, each variant
 * {@code epochs,lr,l2[,-feature...]} where {@code -feature} removes a feature (its column is
 * zeroed, so it contributes nothing). Retrieval runs once; prints CV and in-sample nDCG@10. With
 * {@code -DtrainDepth=200} the folds train on deeper candidate lists and are still tested on the
 * served top 100.
 */
final class RankerExperiment {
  private RankerExperiment() {}

  /** CV with the same folds as {@link CrossValidation#run}: train on deep lists, test on the served top 100. */
  private static CrossValidation.Result deepCv(LambdaRankTrainer trainer, List<PreparedQuery> deep,
      List<PreparedQuery> served) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < served.size(); i++) order.add(i);
    java.util.Collections.shuffle(order, new java.util.Random(42));
    List<Double> held = new ArrayList<>();
    List<Double> base = new ArrayList<>();
    for (int f = 0; f < 5; f++) {
      List<PreparedQuery> train = new ArrayList<>();
      List<PreparedQuery> test = new ArrayList<>();
      for (int i = 0; i < order.size(); i++) {
        if (i % 5 == f) test.add(served.get(order.get(i)));
        else train.add(deep.get(order.get(i)));
      }
      RankerModel m = trainer.train(train, TrainingNote.untrained());
      held.add(CrossValidation.meanNdcgAt10(m, test));
      base.add(CrossValidation.meanBaselineNdcgAt10(test));
    }
    return new CrossValidation.Result(held, base);
  }

  public static void main(String[] args) throws Exception {
    Dataset dataset = Dataset.load(Path.of(args[0]));
    List<TrainingQuery> queries;
    List<TrainingQuery> deep;
    int trainDepth = Integer.getInteger("trainDepth", TrainCommand.DEPTH);
    try (EvalSystems systems = EvalSystems.withDense(dataset.corpus(), ExecutionDevice.CPU, Path.of(args[1]))) {
      Retriever retriever = systems.forRanking(systems.hybrid());
      queries = TrainingSet.from(dataset, retriever, TrainCommand.DEPTH);
      deep = trainDepth == TrainCommand.DEPTH ? queries : TrainingSet.from(dataset, retriever, trainDepth);
    }
    for (int a = 2; a < args.length; a++) {
      String[] p = args[a].split(",");
      LambdaRankTrainer trainer = new LambdaRankTrainer(
          new LambdaRankTrainer.Config(Integer.parseInt(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2])),
          QueryTerms.lexical());
      List<Integer> removed = new ArrayList<>();
      for (int i = 3; i < p.length; i++) {
        String name = p[i].substring(1);
        removed.add(Feature.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown feature " + name)).ordinal());
      }
      List<PreparedQuery> data = trainer.prepare(queries);
      List<PreparedQuery> trainData = deep == queries ? data : trainer.prepare(deep);
      for (List<PreparedQuery> d : List.of(data, trainData)) {
        for (PreparedQuery q : d) for (double[] x : q.features()) for (int k : removed) x[k] = 0;
      }
      CrossValidation.Result cv = deep == queries ? CrossValidation.run(trainer, data, 5, 42)
          : deepCv(trainer, trainData, data);
      RankerModel model = trainer.train(data, TrainingNote.untrained());
      System.out.printf(Locale.ROOT, "%-60s cv %.4f (folds %s) base %.4f in-sample %.4f%n", args[a], cv.meanHeldOut(),
          cv.heldOut().stream().map(d -> String.format(Locale.ROOT, "%.3f", d)).toList(), cv.meanBaseline(),
          CrossValidation.meanNdcgAt10(model, data));
      System.out.println("  weights " + model.weights().stream().map(d -> String.format(Locale.ROOT, "%.3f", d)).toList());
    }
  }
}
