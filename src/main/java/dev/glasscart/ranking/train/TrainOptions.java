package dev.glasscart.ranking.train;

import dev.glasscart.retrieval.dense.ExecutionDevice;
import java.nio.file.Files;
import java.nio.file.Path;

/** Parsed {@code glasscart train} arguments; validated on parse. */
record TrainOptions(Path dataset, Path out, boolean hybrid, ExecutionDevice device, Path cache, int folds, int epochs,
    double learningRate, double l2, long seed) {

  static TrainOptions parse(String[] args) {
    Path dataset = null;
    Path out = Path.of("models", "ranker.json");
    int folds = 5;
    int epochs = LambdaRankTrainer.Config.defaults().epochs();
    long seed = 42;
    boolean hybrid = true;
    ExecutionDevice device = ExecutionDevice.AUTO;
    Path cache = null;
    double learningRate = LambdaRankTrainer.Config.defaults().learningRate();
    double l2 = LambdaRankTrainer.Config.defaults().l2();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + name);
      String value = args[++i];
      switch (name) {
        case "--dataset" -> dataset = Path.of(value);
        case "--out" -> out = Path.of(value);
        case "--folds" -> folds = integer(name, value, 2, 100);
        case "--epochs" -> epochs = integer(name, value, 1, 100_000);
        case "--seed" -> seed = integer(name, value, 0, Integer.MAX_VALUE);
        case "--lr" -> learningRate = number(name, value);
        case "--l2" -> l2 = number(name, value);
        case "--cache" -> cache = Path.of(value);
        case "--device" -> device = ExecutionDevice.parse(value);
        case "--retriever" -> hybrid = switch (value) {
          case "hybrid" -> true;
          case "bm25" -> false;
          default -> throw new IllegalArgumentException("unknown retriever: " + value + ", must be hybrid or bm25");
        };
        default -> throw new IllegalArgumentException("unknown option: " + name);
      }
    }
    if (dataset == null) throw new IllegalArgumentException("--dataset is required");
    for (String f : new String[] {"corpus.jsonl", "queries.tsv", "qrels.tsv"}) {
      if (!Files.isRegularFile(dataset.resolve(f))) throw new IllegalArgumentException("dataset " + dataset + " lacks " + f);
    }
    new LambdaRankTrainer.Config(epochs, learningRate, l2); // validates the ranges
    return new TrainOptions(dataset, out, hybrid, device, cache, folds, epochs, learningRate, l2, seed);
  }

  private static double number(String name, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("illegal " + name + " value: " + value + ", must be a number");
    }
  }

  private static int integer(String name, String value, int min, int max) {
    int v;
    try {
      v = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("illegal " + name + " value: " + value + ", must be an integer");
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException("illegal " + name + " value: " + v + ", must be between " + min + " and " + max);
    }
    return v;
  }
}
