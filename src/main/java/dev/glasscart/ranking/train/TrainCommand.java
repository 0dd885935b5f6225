package dev.glasscart.ranking.train;

import dev.glasscart.eval.Dataset;
import dev.glasscart.eval.EvalSystems;
import dev.glasscart.ranking.QueryTerms;
import dev.glasscart.ranking.RankerModel;
import dev.glasscart.ranking.TrainingNote;
import dev.glasscart.retrieval.Retriever;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * {@code glasscart train --dataset DIR --out models/ranker.json} (options: see {@link #USAGE}):
 * retrieves the top 100 candidates of every judged query (hybrid by default, as eval's rerank
 * mode does; {@code --cache DIR} keeps corpus embeddings between runs), reports k-fold (by query)
 * cross-validated nDCG@10 of the reranked lists against the retrieval order, trains the final
 * model on all queries and writes it with its {@link TrainingNote}. Deterministic for a seed.
 * Blocking; prints to stdout, errors to stderr.
 */
public final class TrainCommand {
  static final String USAGE = "usage: glasscart train --dataset DIR [--out models/ranker.json] [--retriever hybrid|bm25]"
      + " [--device auto|cpu|cuda] [--cache DIR] [--folds 5] [--epochs 50] [--lr 0.05] [--l2 0.03] [--seed 42]";
  static final int DEPTH = 100;

  private TrainCommand() {}

  /** Runs the command; returns the exit status. */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    TrainOptions o;
    try {
      o = TrainOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("glasscart train: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    Dataset dataset = Dataset.load(o.dataset());
    List<TrainingQuery> queries;
    String retrieverName;
    try (EvalSystems systems = o.hybrid()
        ? EvalSystems.withDense(dataset.corpus(), o.device(), o.cache())
        : EvalSystems.lexical(dataset.corpus())) {
      Retriever retriever = o.hybrid() ? systems.forRanking(systems.hybrid()) : systems.bm25();
      retrieverName = o.hybrid() ? retriever.toString() : "bm25";
      queries = TrainingSet.from(dataset, retriever, DEPTH);
    }
    if (queries.size() < o.folds()) {
      err.println("glasscart train: only " + queries.size() + " judged queries, fewer than " + o.folds() + " folds");
      return 1;
    }
    LambdaRankTrainer trainer = new LambdaRankTrainer(o.trainer(), QueryTerms.lexical());
    List<PreparedQuery> data = trainer.prepare(queries);
    CrossValidation.Result cv = CrossValidation.run(trainer, data, o.folds(), o.seed());
    double baseline = CrossValidation.meanBaselineNdcgAt10(data);
    for (int f = 0; f < o.folds(); f++) {
      out.printf(Locale.ROOT, "fold %d      held-out nDCG@10 %.4f (retrieval order %.4f)%n",
          f + 1, cv.heldOut().get(f), cv.baseline().get(f));
    }
    String method = "LambdaRank gradient on a linear additive model, full-batch Adam, " + trainer.config().epochs()
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
}
