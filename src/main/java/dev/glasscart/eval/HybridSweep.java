package dev.glasscart.eval;

import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.dense.DenseRetriever;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.hybrid.Fuser;
import dev.glasscart.retrieval.hybrid.RrfFuser;
import dev.glasscart.retrieval.hybrid.ScoreBlendFuser;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark, not a test: compares fusion methods and weights on a dataset. Retrieves the top
 * {@value #DEPTH} of BM25 (tuned defaults) and dense once per query, then fuses the stored lists
 * with each configuration and prints nDCG@10, recall@100 and MRR@10 (the numbers behind
 * {@code HybridRetriever.defaultFuser()}, docs/retrieval.md). Usage: {@code java ...
 * dev.glasscart.eval.HybridSweep DATASET_DIR [EMBEDDING_CACHE_DIR]}.
 */
public final class HybridSweep {
  static final int DEPTH = 100;

  private HybridSweep() {}

  public static void main(String[] args) {
    Dataset dataset = Dataset.load(Path.of(args[0]));
    Path cache = args.length > 1 ? Path.of(args[1]) : null;
    Map<String, List<Candidate>> lexical = new HashMap<>();
    Map<String, List<Candidate>> semantic = new HashMap<>();
    try (EvalSystems systems = EvalSystems.withDense(dataset.corpus(), ExecutionDevice.AUTO, cache)) {
      Bm25Retriever bm25 = systems.bm25();
      DenseRetriever dense = systems.dense();
      dataset.queries().forEach((qid, text) -> {
        lexical.put(text, bm25.retrieve(text, DEPTH));
        semantic.put(text, dense.retrieve(text, DEPTH));
      });
    }
    Evaluation evaluation = new Evaluation(dataset);
    print("bm25", evaluation.evaluate((q, k) -> EvalCommand.hits(lexical.get(q))));
    print("dense", evaluation.evaluate((q, k) -> EvalCommand.hits(semantic.get(q))));
    List<Fuser> fusers = new ArrayList<>();
    for (int c : new int[] {10, 30, 60, 100}) {
      for (double w : new double[] {0.5, 0.75, 1.0, 1.5}) fusers.add(new RrfFuser(c, 1, w));
    }
    for (double w : new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}) fusers.add(new ScoreBlendFuser(w));
    for (Fuser fuser : fusers) {
      print(fuser.toString(), evaluation.evaluate((q, k) -> EvalCommand.hits(fuser.fuse(lexical.get(q), semantic.get(q), k))));
    }
  }

  private static void print(String name, Evaluation.Report r) {
    System.out.printf(Locale.ROOT, "%-40s nDCG@10 %.4f  R@100 %.4f  MRR@10 %.4f%n", name, r.ndcg10(), r.recall100(), r.mrr10());
  }
}
