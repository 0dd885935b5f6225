package dev.glasscart.eval;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.ranking.RankedProduct;
import dev.glasscart.ranking.Ranker;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code glasscart eval --dataset DIR --mode bm25|dense|hybrid|rerank [--run OUT]}: evaluates one
 * retrieval mode on a dataset (see {@link Dataset}) and prints nDCG@10, recall@100, MRR@10, query
 * latency p50/p99 and the indexing rate; with {@code --run} it also writes a TREC run (top 100).
 *
 * <p>{@code rerank} retrieves with the hybrid (or, without dense, BM25) retriever and reorders
 * with the {@link Ranker} supplied to {@link #run(String[], Supplier)} (asked for only in that mode);
 * {@link #run(String[])} has no ranker and reports rerank as not available. Blocking; prints to stdout, errors to stderr.
 */
public final class EvalCommand {
  static final String USAGE = "usage: glasscart eval --dataset DIR --mode bm25|dense|hybrid|rerank [--run OUT]"
      + " [--device auto|cpu|cuda] [--cache DIR] [--fusion rrf|blend] [--weight W] [--max-length N]"
      + " [--search-engine lucene|solr --engine-url URL]";

  private EvalCommand() {}

  /** For running without the launcher: {@code java ... dev.glasscart.eval.EvalCommand --dataset ...}. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command without a reranker; returns the process exit status. */
  public static int run(String[] args) {
    return run(args, null);
  }

  /**
   * Runs the command; {@code ranker} (nullable) supplies the ranker for {@code --mode rerank} and
   * is called only in that mode, once.
   */
  public static int run(String[] args, Supplier<Ranker> ranker) {
    return run(args, ranker, System.out, System.err);
  }

  static int run(String[] args, Supplier<Ranker> rankerSupplier, PrintStream out, PrintStream err) {
    EvalOptions options;
    try {
      options = EvalOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("glasscart eval: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    Ranker ranker = null;
    if (options.mode() == EvalOptions.Mode.RERANK) {
      ranker = rankerSupplier == null ? null : rankerSupplier.get();
      if (ranker == null) {
        err.println("glasscart eval: mode rerank is not available yet (no ranker wired in)");
        return 2;
      }
    }
    Dataset dataset = Dataset.load(options.dataset());
    try (EvalSystems systems = EvalSystems.build(dataset.corpus(), options)) {
      int products = dataset.corpus().size();
      Retriever retriever = systems.retriever(options.mode(), options.fuser());
      Evaluation.Search search = options.mode() == EvalOptions.Mode.RERANK
          ? reranked(retriever, ranker, dataset.corpus())
          : (query, k) -> hits(retriever.retrieve(query, k));
      Evaluation.Report report = new Evaluation(dataset).evaluate(search);
      if (options.run() != null) TrecRunWriter.write(options.run(), report.run());
      out.printf(Locale.ROOT, "dataset     %s (%d products, %d judged queries)%n",
          options.dataset(), dataset.corpus().size(), report.queries());
      out.printf(Locale.ROOT, "mode        %s (%s)%n", options.mode().name().toLowerCase(Locale.ROOT), retriever);
      out.printf(Locale.ROOT, "search      %s%n", systems.searchedOn());
      out.printf(Locale.ROOT, "nDCG@10     %.4f%n", report.ndcg10());
      out.printf(Locale.ROOT, "recall@100  %.4f%n", report.recall100());
      out.printf(Locale.ROOT, "MRR@10      %.4f%n", report.mrr10());
      out.printf(Locale.ROOT, "latency     p50 %.2f ms, p99 %.2f ms%n",
          report.latencies().p50Millis(), report.latencies().p99Millis());
      out.printf(Locale.ROOT, "indexing    bm25 %.0f products/s (%.2f s)%n", products / systems.lexicalSeconds(),
          systems.lexicalSeconds());
      if (systems.denseSeconds() > 0) {
        out.printf(Locale.ROOT, "            dense %.0f products/s (%.2f s, encoder load and corpus embedding)%n",
            products / systems.denseSeconds(), systems.denseSeconds());
      }
      if (systems.engineSeconds() > 0) {
        out.printf(Locale.ROOT, "            engine %.0f products/s (%.2f s, collection, bulk indexing, commit, alias swap)%n",
            products / systems.engineSeconds(), systems.engineSeconds());
      }
      if (options.run() != null) out.println("run         " + options.run());
      return 0;
    } catch (IllegalStateException e) {
      err.println("glasscart eval: " + e.getMessage());
      return 1;
    }
  }

  private static Evaluation.Search reranked(Retriever retriever, Ranker ranker, Catalog corpus) {
    return (query, k) -> {
      List<RankedProduct> ranked = ranker.rank(query, List.of(), retriever.retrieve(query, k), corpus);
      List<TrecRunWriter.Hit> hits = new ArrayList<>(ranked.size());
      for (RankedProduct r : ranked) hits.add(new TrecRunWriter.Hit(r.product().id(), r.score()));
      return hits;
    };
  }

  static List<TrecRunWriter.Hit> hits(List<Candidate> candidates) {
    List<TrecRunWriter.Hit> hits = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) hits.add(new TrecRunWriter.Hit(c.productId(), c.score()));
    return hits;
  }

}
