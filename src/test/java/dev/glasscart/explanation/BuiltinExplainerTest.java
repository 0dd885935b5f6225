package dev.glasscart.explanation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Understanding;
import dev.glasscart.ranking.Contribution;
import dev.glasscart.ranking.RankedProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class BuiltinExplainerTest {
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
  private final BuiltinExplainer explainer = new BuiltinExplainer();

  @Test
  void should_stream_word_tokens_off_the_caller_thread_and_end_with_a_builtin_outcome() throws Exception {
    // Given evidence for three boots, When explained
    Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
    explainer.explain(Fixtures.search(), sink);
    Outcome outcome = sink.done.get(5, TimeUnit.SECONDS);

    // Then many word tokens arrived on a virtual thread, not this one, and they add up to the claims
    assertTrue(sink.tokens.size() > 10, "tokens: " + sink.tokens.size());
    assertTrue(sink.tokens.stream().limit(sink.tokens.size() - 1).allMatch(t -> t.endsWith(" ") && !t.isBlank()));
    assertTrue(sink.threads.stream().allMatch(t -> t.endsWith("[virtual]")), sink.threads.toString());
    assertEquals(Claim.render(explainer.claims(Fixtures.search())), sink.text());
    assertEquals("builtin", outcome.explainer());
    assertFalse(outcome.fellBack());
  }

  @Test
  void should_name_the_top_three_with_prices_budget_and_reasons() throws Exception {
    String text = answer(Fixtures.search());
    assertTrue(text.contains("Trail Boot by Timberland costs $89.99, within your $100 budget"), text);
    assertTrue(text.contains("Peak Hiker by Salomon costs $99"), text);
    assertTrue(text.contains("City Chelsea Boot by Clarks costs $74.50"), text);
    assertTrue(text.contains("title matches 'leather', 'boots'"), text);
    assertTrue(text.contains("rated 4.6 stars from 212 reviews and is in stock"), text);
    assertTrue(text.contains("is out of stock"), text);
    assertTrue(text.contains("colour: brown"), text);
  }

  @Test
  void should_use_only_numbers_found_in_the_evidence_for_every_intent() throws Exception {
    List<Evidence> cases = List.of(Fixtures.search(),
        Fixtures.intent(Intent.WHY, Fixtures.shown(), "p3"),
        Fixtures.intent(Intent.WHY_NOT, withLuxe(), "p4"),
        Fixtures.intent(Intent.WHY_NOT, Fixtures.shown(), "p3"),
        Fixtures.intent(Intent.COMPARE, Fixtures.shown(), "p1", "p2"));
    for (Evidence e : cases) {
      String text = answer(e);
      List<Double> allowed = allowedNumbers(e);
      Matcher m = NUMBER.matcher(text);
      while (m.find()) {
        double n = Double.parseDouble(m.group());
        assertTrue(allowed.stream().anyMatch(a -> Math.abs(a - n) < 1e-6),
            "number " + m.group() + " is not in the evidence: " + text);
      }
      for (Claim c : explainer.claims(e)) assertFalse(c.basis().isEmpty(), "claim without evidence: " + c);
    }
  }

  @Test
  void should_say_notes_first_and_nothing_found_plainly() throws Exception {
    Evidence none = new Evidence("red boots under $20",
        Understanding.search("red boots", List.of(Constraint.of(Constraint.Kind.PRICE_MAX, "20", 1))), List.of(),
        List.of("Nothing fits under $20; I can drop the price limit"));
    String text = answer(none);
    assertTrue(text.startsWith("Nothing fits under $20; I can drop the price limit."), text);
    assertTrue(text.contains("I found no products for \"red boots\" that meet all of your wishes (under $20)."), text);
  }

  @Test
  void should_explain_why_with_the_largest_contributions_and_met_constraints() throws Exception {
    String text = answer(Fixtures.intent(Intent.WHY, Fixtures.shown(), "p3"));
    assertTrue(text.startsWith("Peak Hiker by Salomon is #2; what counted most: title matches 'leather', 'boots'; "
        + "description mentions 'brown'; well rated."), text);
    assertTrue(text.contains("within your $100 budget"), text);
    assertTrue(text.contains("It meets your wishes: colour: brown."), text);
  }

  @Test
  void should_contrast_why_not_with_the_constraint_it_fails_and_where_it_would_rank() throws Exception {
    // Given the $139 Loake scores highest but breaks the $100 budget
    String text = answer(Fixtures.intent(Intent.WHY_NOT, withLuxe(), "p4"));
    assertTrue(text.contains("Luxe Brogue Boot by Loake does not meet your wish \"under $100\": it costs $139."), text);
    assertTrue(text.contains("It would rank first if it were under $100."), text);
    assertFalse(text.contains("behind"), text);
  }

  @Test
  void should_word_the_broken_wish_in_the_catalogs_currency() throws Exception {
    // Given the same shown products priced in euros, the Loake breaking the 100 budget
    List<RankedProduct> euros = withLuxe().stream().map(r -> new RankedProduct(r.rank(), inEuros(r.product()), r.score(),
        r.contributions(), r.matchedTerms())).toList();
    String text = answer(Fixtures.intent(Intent.WHY_NOT, euros, "p4"));
    // Then both the broken wish and the counterfactual speak euros
    assertTrue(text.contains("does not meet your wish \"under €100\": it costs €139."), text);
    assertTrue(text.contains("It would rank first if it were under €100."), text);
    assertFalse(text.contains("$"), text);
  }

  private static Product inEuros(Product p) {
    return new Product(p.id(), p.title(), p.description(), p.brand(), p.category(), p.price(), "EUR", p.rating(),
        p.reviewCount(), p.tags(), p.attributes(), p.stock(), p.reviews(), p.imageUrl());
  }

  @Test
  void should_contrast_why_not_with_the_contribution_it_lost_on() throws Exception {
    String text = answer(Fixtures.intent(Intent.WHY_NOT, Fixtures.shown(), "p3"));
    assertTrue(text.contains("You asked about Peak Hiker by Salomon. It ranks #2, behind Trail Boot by Timberland at #1, mostly on \"title matches "
        + "'leather', 'boots'\": +1.20 against +1.00."), text);
    // gap is 0.25, the title gap 0.2 does not close it alone
    assertTrue(text.contains("No single change would put it first"), text);
  }

  @Test
  void should_say_it_has_no_details_on_a_product_not_in_the_evidence() throws Exception {
    for (Intent intent : List.of(Intent.WHY, Intent.WHY_NOT)) {
      String text = answer(Fixtures.intent(intent, Fixtures.shown(), "p999"));
      assertEquals("I have no details on that product in this turn, so I cannot explain it.", text);
    }
  }

  @Test
  void should_compare_side_by_side() throws Exception {
    String text = answer(Fixtures.intent(Intent.COMPARE, Fixtures.shown(), "p1", "p2"));
    assertTrue(text.contains("Price: Trail Boot by Timberland costs $89.99; City Chelsea Boot by Clarks costs $74.50."),
        text);
    assertTrue(text.contains("City Chelsea Boot by Clarks is the cheaper."), text);
    assertTrue(text.contains("Stock: Trail Boot by Timberland is in stock; City Chelsea Boot by Clarks is out of stock."),
        text);
  }

  @Test
  void should_stop_calling_the_sink_after_cancel() throws Exception {
    List<String> seen = new ArrayList<>();
    Explainer.Generation[] gen = new Explainer.Generation[1];
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    Fixtures.RecordingSink sink = new Fixtures.RecordingSink() {
      @Override
      public void token(String text) {
        super.token(text);
        synchronized (seen) {
          seen.add(text);
        }
        started.countDown();
        if (seen.size() == 3) gen[0].cancel();
      }
    };
    synchronized (seen) {
      gen[0] = explainer.explain(Fixtures.search(), sink);
    }
    assertTrue(started.await(5, TimeUnit.SECONDS));
    Thread.sleep(200);
    assertEquals(3, sink.tokens.size());
    assertFalse(sink.done.isDone());
  }

  private String answer(Evidence e) throws Exception {
    Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
    explainer.explain(e, sink);
    sink.done.get(5, TimeUnit.SECONDS);
    return sink.text();
  }

  static List<RankedProduct> withLuxe() {
    List<RankedProduct> shown = new ArrayList<>(Fixtures.shown());
    shown.add(Fixtures.ranked(4, Fixtures.LUXE, 1.4, 0.6, 0.4, -0.1));
    return shown;
  }

  /** Prices, ratings, counts, stock, ranks, contribution values of shown products, constraint values, numbers in text. */
  static List<Double> allowedNumbers(Evidence e) {
    List<Double> out = new ArrayList<>();
    StringBuilder text = new StringBuilder(e.understanding().query());
    for (RankedProduct r : e.shown()) {
      out.addAll(List.of(r.product().price(), Math.round(r.product().rating() * 10) / 10.0,
          (double) r.product().reviewCount(), (double) r.product().stock(), (double) r.rank()));
      for (Contribution c : r.contributions()) {
        out.add(Math.abs(Math.round(c.value() * 100) / 100.0));
        text.append(' ').append(c.label());
      }
      text.append(' ').append(r.product().title());
    }
    for (Constraint c : e.understanding().constraints()) {
      if (c.value().matches("\\d+(\\.\\d+)?")) out.add(Double.parseDouble(c.value()));
    }
    e.notes().forEach(n -> text.append(' ').append(n));
    Matcher m = NUMBER.matcher(text.toString().toLowerCase(Locale.ROOT));
    while (m.find()) out.add(Double.parseDouble(m.group()));
    return out;
  }
}
