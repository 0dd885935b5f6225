package dev.glasscart.cli;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.config.Flags;
import dev.glasscart.conversation.CatalogMeanings;
import dev.glasscart.conversation.CatalogVocabulary;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.ConversationSession;
import dev.glasscart.conversation.Understander;
import dev.glasscart.ranking.AdditiveRanker;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;

/**
 * {@code glasscart bench turns [--products N] [--conversations C] [--rounds R]}: the CPU a turn
 * costs the conversation service itself (understanding, retrieval, constraint filtering,
 * widening, ranking, the evidence and the dialogue state), without the server, the database or an
 * explainer, on the thread that prepares it.
 *
 * <p>Method: the demo catalog scaled to N products (10,560 for 10,000, as {@code bench load}), a
 * BM25 retriever over an in-memory Lucene index (no embeddings: dense retrieval's scan is {@code
 * bench dense}), and C conversations of {@link LoadMessages} (the load bench's messages), the same
 * ones every round (fixed seed), prepared one after another on this thread. Each round reports
 * this thread's CPU time (ThreadMXBean) per turn; the figure is the median of the second half of
 * the rounds (the first half warms the JIT up). Thread CPU time moves far less with the machine's
 * other load than wall time does, so two builds can be compared on a busy machine: run them
 * alternately.
 */
public final class TurnBench {
  private TurnBench() {}

  public static void main(String[] args) {
    Flags f = Flags.parse(args, Set.of("--products", "--conversations", "--rounds"), Set.of(), false);
    int products = f.integer("--products", 10_000, 1, 1_000_000);
    int conversations = f.integer("--conversations", 400, 1, 100_000);
    int rounds = f.integer("--rounds", 8, 2, 1_000);
    Catalog catalog = new Catalog(DemoCatalog.generate(products));
    LexicalIndex lexical = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard());
    ConversationService service = new ConversationService(catalog, new Bm25Retriever(lexical, FieldBoosts.defaults()),
        AdditiveRanker.untrained(), new Understander(CatalogVocabulary.from(catalog), catalog, CatalogMeanings.NONE));
    LoadMessages messages = LoadMessages.of(catalog);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf("bench turns: %d products, %d conversations a round, %d rounds, BM25 retrieval, one thread%n",
        catalog.products().size(), conversations, rounds);
    double[] perTurn = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      Random random = new Random(7);
      long cpu = threads.getCurrentThreadCpuTime();
      int turns = 0;
      for (int c = 0; c < conversations; c++) {
        ConversationSession session = service.newSession("bench-" + r + "-" + c);
        int turn = 0;
        for (String text : messages.conversation(random)) {
          service.prepare(session, text, ++turn);
          turns++;
        }
      }
      perTurn[r] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / turns;
      System.out.printf("  round %d: %d turns, %.3f ms of CPU per turn%n", r + 1, turns, perTurn[r]);
    }
    double[] measured = Arrays.copyOfRange(perTurn, rounds / 2, rounds);
    Arrays.sort(measured);
    System.out.printf("median of rounds %d to %d: %.3f ms of CPU per turn%n", rounds / 2 + 1, rounds,
        measured[measured.length / 2]);
  }
}
