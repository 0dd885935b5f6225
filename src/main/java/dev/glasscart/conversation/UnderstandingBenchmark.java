package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.query.Understanding;
import java.util.List;

/**
 * Measures vocabulary build, per-message understanding and whole-catalog filtering over the demo
 * catalog. Run: {@code java -cp target/classes:<deps> dev.glasscart.conversation.UnderstandingBenchmark}.
 * Blocking, single-threaded; prints warm timings (the first rounds are JIT warm-up).
 */
public final class UnderstandingBenchmark {
  private static final List<String> MESSAGES = List.of(
      "running shoes for women under $120", "only Nike", "something cheaper", "not black", "compare the first two",
      "waterproof hiking boots for men, no leather", "headphones between $100 and $300, not Sony", "show more");

  private UnderstandingBenchmark() {}

  public static void main(String[] args) {
    Catalog catalog = new Catalog(DemoCatalog.generate());
    CatalogVocabulary vocabulary = null;
    for (int round = 0; round < 5; round++) {
      long t = System.nanoTime();
      vocabulary = CatalogVocabulary.from(catalog);
      System.out.printf("vocabulary build: %.1f ms (%d products, %d terms)%n", (System.nanoTime() - t) / 1e6, catalog.size(),
          vocabulary.terms().size());
    }
    Understander understander = new Understander(vocabulary, catalog);
    ConstraintFilter filter = new ConstraintFilter(catalog);
    for (int round = 0; round < 5; round++) {
      int n = 0;
      long understandNs = 0;
      long filterNs = 0;
      for (int conv = 0; conv < 200; conv++) {
        DialogueState state = new DialogueState();
        int turn = 1;
        for (String m : MESSAGES) {
          long t = System.nanoTime();
          Understanding u = understander.understand(state, m, turn++);
          long t2 = System.nanoTime();
          ConstraintFilter.Result r = filter.apply(catalog.products(), u.constraints());
          filterNs += System.nanoTime() - t2;
          understandNs += t2 - t;
          state.shown(r.products().stream().limit(10).toList());
          n++;
        }
      }
      System.out.printf("understand: %.0f us/message; filter whole catalog: %.0f us/turn (%d turns)%n",
          understandNs / 1e3 / n, filterNs / 1e3 / n, n);
    }
  }
}
