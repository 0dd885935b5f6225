package dev.glasscart.ranking.train;

import dev.glasscart.config.Flags;
import dev.glasscart.eval.Dataset;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import java.nio.file.Path;
import java.util.Set;

/** Parsed {@code glasscart train} arguments; validated on parse. */
record TrainOptions(Path dataset, Path out, boolean hybrid, ExecutionDevice device, Path cache, int folds,
    LambdaRankTrainer.Config trainer, long seed) {

  static TrainOptions parse(String[] args) {
    Flags f = Flags.parse(args, FLAGS, Set.of(), false);
    LambdaRankTrainer.Config defaults = LambdaRankTrainer.Config.defaults();
    Path dataset = f.path("--dataset", null);
    Path out = f.path("--out", Path.of("models", "ranker.json"));
    int folds = f.integer("--folds", 5, 2, 100);
    int epochs = f.integer("--epochs", defaults.epochs(), 1, 100_000);
    long seed = f.integer("--seed", 42, 0, Integer.MAX_VALUE);
    double learningRate = f.decimal("--lr", defaults.learningRate());
    double l2 = f.decimal("--l2", defaults.l2());
    Path cache = f.path("--cache", null);
    ExecutionDevice device = ExecutionDevice.parse(f.string("--device", "auto"));
    String retriever = f.string("--retriever", "hybrid");
    boolean hybrid = switch (retriever) {
      case "hybrid" -> true;
      case "bm25" -> false;
      default -> throw new IllegalArgumentException("unknown retriever: " + retriever + ", must be hybrid or bm25");
    };
    if (dataset == null) throw new IllegalArgumentException("option --dataset is required");
    Dataset.requireFiles(dataset);
    LambdaRankTrainer.Config trainer = new LambdaRankTrainer.Config(epochs, learningRate, l2); // validates the ranges
    return new TrainOptions(dataset, out, hybrid, device, cache, folds, trainer, seed);
  }

  private static final Set<String> FLAGS = Set.of("--dataset", "--out", "--folds", "--epochs", "--seed", "--lr", "--l2",
      "--cache", "--device", "--retriever");
}
