package dev.glasscart.explanation;

import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Understanding;
import dev.glasscart.ranking.Contribution;
import dev.glasscart.ranking.RankedProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures what the grounding guard costs: CPU time per checked sentence, and how much later the
 * shopper sees the first token when sentences are held until complete, for a model streaming at a
 * given rate. Run: {@code java -cp target/classes:$(cat target/classpath.txt)
 * dev.glasscart.explanation.GroundingBench [tokensPerSecond]}.
 */
public final class GroundingBench {
  private GroundingBench() {}

  public static void main(String[] args) {
    double tokensPerSecond = args.length > 0 ? Double.parseDouble(args[0]) : 25;
    Evidence evidence = evidence();
    String answer = Claim.render(new BuiltinExplainer().claims(evidence));
    List<String> tokens = BuiltinExplainer.tokens(answer);
    int sentences = 0;
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 300; round++) {
      long start = System.nanoTime();
      GroundingGuard guard = new GroundingGuard(evidence, new Discard());
      for (String t : tokens) guard.token(t);
      guard.complete(Outcome.builtin());
      best = Math.min(best, System.nanoTime() - start);
      sentences = guard.report().sentencesChecked();
    }
    int firstSentenceTokens = BuiltinExplainer.tokens(answer.substring(0, GroundingGuard.sentenceEnd(answer))).size();
    double tokenMs = 1000 / tokensPerSecond;
    System.out.printf(Locale.ROOT, "answer: %d tokens, %d sentences; guard incl. setup: %.1f us per answer, %.1f us per sentence%n",
        tokens.size(), sentences, best / 1e3, best / 1e3 / sentences);
    System.out.printf(Locale.ROOT, "first visible token at %.0f tok/s: raw %.0f ms, guarded %.0f ms (first sentence = %d tokens)%n",
        tokensPerSecond, tokenMs, firstSentenceTokens * tokenMs + best / 1e6 / sentences, firstSentenceTokens);
  }

  private static Evidence evidence() {
    List<RankedProduct> shown = new ArrayList<>();
    String[][] rows = {{"Trail Boot", "Timberland", "89.99", "4.6", "212"}, {"Peak Hiker", "Salomon", "99", "4.8", "1031"},
        {"City Chelsea Boot", "Clarks", "74.5", "4.1", "58"}};
    for (int i = 0; i < rows.length; i++) {
      String[] r = rows[i];
      Product p = new Product("p" + i, r[0], "Leather boot for city and trail.", r[1], "boots", Double.parseDouble(r[2]),
          "USD", Double.parseDouble(r[3]), Integer.parseInt(r[4]), List.of("leather"), Map.of("colour", "brown"), 5,
          List.of(), null);
      shown.add(new RankedProduct(i + 1, p, 2 - i * 0.2, List.of(
          new Contribution("title_match", "title matches 'leather', 'boots'", 1.2 - i * 0.1, 2),
          new Contribution("rating", "well rated", 0.8 - i * 0.1, 4)), Map.of("title", Set.of("leather", "boots"))));
    }
    return new Evidence("brown leather boots under $100", Understanding.search("leather boots",
        List.of(Constraint.of(Constraint.Kind.PRICE_MAX, "100", 1))), shown, List.of());
  }

  private static final class Discard implements TokenSink {
    @Override public void token(String text) { }
    @Override public void complete() { }
    @Override public void error(Throwable failure) { }
  }
}
