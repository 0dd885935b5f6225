package dev.glasscart.eval;

import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark, not a test: sweeps analyzer variants and title/description boosts on a dataset and
 * prints nDCG@10, recall@100 and MRR@10 per configuration; the numbers behind the lexical defaults
 * (docs/retrieval.md). Usage: {@code java ... dev.glasscart.eval.LexicalSweep DATASET_DIR}.
 */
public final class LexicalSweep {
  private LexicalSweep() {}

  public static void main(String[] args) throws Exception {
    Dataset dataset = Dataset.load(Path.of(args[0]));
    Evaluation evaluation = new Evaluation(dataset);
    List<double[]> boosts = List.of(new double[] {1, 1}, new double[] {1.5, 1}, new double[] {2, 1},
        new double[] {3, 1}, new double[] {2, 0.7}, new double[] {2, 0.5});
    for (ProductAnalyzer.Stemming stemming : ProductAnalyzer.Stemming.values()) {
      for (boolean stop : new boolean[] {false, true}) {
        ProductAnalyzer analyzer = new ProductAnalyzer(stemming, stop);
        long start = System.nanoTime();
        try (LexicalIndex index = LexicalIndex.inMemory(dataset.corpus(), analyzer)) {
          double rate = dataset.corpus().size() / ((System.nanoTime() - start) / 1e9);
          for (double[] b : boosts) {
            Bm25Retriever bm25 = new Bm25Retriever(index, new FieldBoosts(b[0], 0, 0, 0, 0, b[1]));
            Evaluation.Report r = evaluation.evaluate((q, k) -> EvalCommand.hits(bm25.retrieve(q, k)));
            System.out.printf(Locale.ROOT, "%-7s stop=%-5s title=%.1f desc=%.1f  nDCG@10 %.4f  R@100 %.4f  MRR@10 %.4f  p50 %.2f ms  index %.0f/s%n",
                stemming, stop, b[0], b[1], r.ndcg10(), r.recall100(), r.mrr10(), r.latencies().p50Millis(), rate);
          }
        }
      }
    }
  }
}
