package dev.glasscart.ranking.train;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.eval.Dataset;
import dev.glasscart.ranking.QueryTerms;
import dev.glasscart.ranking.RankerModel;
import dev.glasscart.ranking.TrainingNote;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code glasscart train --dataset DIR --out models/ranker.json [--folds 5] [--epochs N] [--seed S]}:
 * retrieves the top 100 candidates of every judged query, reports k-fold (by query)
 * cross-validated nDCG@10 of the reranked lists against the retrieval order, trains the final
 * model on all queries and writes it with its {@link TrainingNote}. Deterministic for a seed.
 * Blocking; prints to stdout, errors to stderr.
 */
public final class TrainCommand {
  static final String USAGE =
      "usage: glasscart train --dataset DIR --out FILE [--folds 5] [--epochs 200] [--seed 42]";
  static final int DEPTH = 100;

  private TrainCommand() {}

  /** Trains on BM25 candidates (the retriever available without the dense model). */
  public static int run(String[] args) {
    return run(args, TrainCommand::bm25Retriever, "bm25");
  }

  /**
   * Trains on candidates from {@code retrievers} (e.g. the hybrid retriever over the corpus);
   * {@code retrieverName} goes into the training note. Returns the exit status.
   */
  public static int run(String[] args, Function<Catalog, Retriever> retrievers, String retrieverName) {
    return run(args, retrievers, retrieverName, System.out, System.err);
  }

  static int run(String[] args, Function<Catalog, Retriever> retrievers, String retrieverName,
      PrintStream out, PrintStream err) {
    TrainOptions o;
    try {
      o = TrainOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("glasscart train: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    Dataset dataset = Dataset.load(o.dataset());
    Retriever retriever = retrievers.apply(dataset.corpus());
    List<TrainingQuery> queries = TrainingSet.from(dataset, retriever, DEPTH);
    if (queries.size() < o.folds()) {
      err.println("glasscart train: only " + queries.size() + " judged queries, fewer than " + o.folds() + " folds");
      return 1;
    }
    LambdaRankTrainer trainer = new LambdaRankTrainer(
        new LambdaRankTrainer.Config(o.epochs(), LambdaRankTrainer.Config.defaults().learningRate(),
            LambdaRankTrainer.Config.defaults().l2()),
        queryTerms());
    List<PreparedQuery> data = trainer.prepare(queries);
    CrossValidation.Result cv = CrossValidation.run(trainer, data, o.folds(), o.seed());
    double baseline = CrossValidation.meanBaselineNdcgAt10(data);
    for (int f = 0; f < o.folds(); f++) {
      out.printf(Locale.ROOT, "fold %d      held-out nDCG@10 %.4f (retrieval order %.4f)%n",
          f + 1, cv.heldOut().get(f), cv.baseline().get(f));
    }
    String method = "LambdaRank gradient on a linear additive model, full-batch Adam, " + o.epochs()
        + " epochs, lr " + trainer.config().learningRate() + ", L2 " + trainer.config().l2()
        + " toward the hand-set weights; candidates: top " + DEPTH + " from " + retrieverName + "; seed " + o.seed();
    TrainingNote note = new TrainingNote(o.dataset().toString(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        method, o.folds(), cv.meanHeldOut(), baseline, queries.size());
    RankerModel model = trainer.train(data, note);
    try {
      model.save(o.out());
    } catch (IOException e) {
      err.println("glasscart train: cannot write model " + o.out() + ": " + e.getMessage());
      return 1;
    }
    out.printf(Locale.ROOT, "queries     %d (candidates: top %d from %s)%n", queries.size(), DEPTH, retrieverName);
    out.printf(Locale.ROOT, "cv nDCG@10  %.4f held-out mean over %d folds (retrieval order %.4f)%n",
        cv.meanHeldOut(), o.folds(), cv.meanBaseline());
    out.printf(Locale.ROOT, "train       nDCG@10 %.4f on all queries (retrieval order %.4f)%n",
        CrossValidation.meanNdcgAt10(model, data), baseline);
    out.println("model       " + o.out());
    return 0;
  }

  /** Query analysis matching the lexical index, so title coverage compares like with like. */
  public static QueryTerms queryTerms() {
    return QueryTerms.lexical();
  }

  /** BM25 over the corpus with the tuned field boosts (an in-memory Lucene index). */
  public static Retriever bm25Retriever(Catalog corpus) {
    return new Bm25Retriever(LexicalIndex.inMemory(corpus, ProductAnalyzer.standard()), FieldBoosts.defaults());
  }
}
