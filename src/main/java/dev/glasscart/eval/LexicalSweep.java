package dev.glasscart.eval;

import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Benchmark, not a test: sweeps analyzer variants and title/description boosts on a dataset and
 * prints nDCG@10, recall@100 and MRR@10 per configuration, after the plain reference configuration
 * ({@link ReferenceBm25}); the numbers behind the lexical defaults (docs/retrieval.md). Usage:
 * {@code java ... dev.glasscart.eval.LexicalSweep DATASET_DIR}.
 */
public final class LexicalSweep {
  private LexicalSweep() {}

  public static void main(String[] args) throws Exception {
    Dataset dataset = Dataset.load(Path.of(args[0]));
    Evaluation evaluation = new Evaluation(dataset);
    try (ReferenceBm25 reference = new ReferenceBm25(dataset.corpus())) {
      print("reference: StandardAnalyzer+stop, one title+description field", evaluation.evaluate(reference::search));
    }
    double[][] boosts = {{1, 1}, {2, 1}, {3, 1}, {2, 0.7}, {2, 0.5}, {3, 0.5}, {2, 0.3}, {4, 1}};
    for (ProductAnalyzer.Stemming stemming : ProductAnalyzer.Stemming.values()) {
      for (boolean stop : new boolean[] {false, true}) {
        ProductAnalyzer analyzer = new ProductAnalyzer(stemming, stop);
        try (LexicalIndex index = LexicalIndex.inMemory(dataset.corpus(), analyzer)) {
          for (double[] b : boosts) {
            Bm25Retriever bm25 = new Bm25Retriever(index, new FieldBoosts(b[0], 0, 0, 0, 0, b[1]));
            String name = String.format(Locale.ROOT, "%-7s stop=%-5s title=%.1f desc=%.1f", stemming, stop, b[0], b[1]);
            print(name, evaluation.evaluate((q, k) -> EvalCommand.hits(bm25.retrieve(q, k))));
          }
        }
      }
    }
  }

  private static void print(String name, Evaluation.Report r) {
    System.out.printf(Locale.ROOT, "%-40s nDCG@10 %.4f  R@100 %.4f  MRR@10 %.4f  p50 %.2f ms%n",
        name, r.ndcg10(), r.recall100(), r.mrr10(), r.latencies().p50Millis());
  }
}
