package dev.glasscart.explanation;

import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Language;
import dev.glasscart.ranking.Contribution;
import dev.glasscart.ranking.RankedProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the built-in answer as {@link Claim}s, each resting on facts of the turn's evidence: notes
 * first, then per intent the top picks (SEARCH, MORE), one product's reasons (WHY), a contrast
 * (WHY_NOT) or a side-by-side (COMPARE). Pure, stateless and thread-safe.
 */
final class ClaimComposer {
  static final int TOP = 3;

  private ClaimComposer() {}

  static List<Claim> compose(Evidence evidence) {
    // the shopper's language: a Chinese message gets a Chinese answer
    if (Language.detect(evidence.userText()) == Language.ZH) return ChineseComposer.compose(evidence);
    List<Claim> claims = new ArrayList<>();
    for (String note : evidence.notes()) {
      if (!note.isBlank()) claims.add(Claim.of(Wording.sentence(note), Fact.of("", "note", note)));
    }
    if (evidence.understanding().intent() == Intent.CHAT) {
      claims.addAll(AnswerComposer.chat(evidence, evidence.understanding().chat()));
      return claims;
    }
    if (evidence.answered().isPresent()) {
      claims.addAll(AnswerComposer.answer(evidence, evidence.answered().get()));
      return claims;
    }
    if (evidence.shown().isEmpty()) {
      // a why or compare about products that have gone: the notes say so, there was no search
      boolean search = evidence.understanding().intent() == Intent.SEARCH || evidence.understanding().intent() == Intent.MORE;
      if (search || claims.isEmpty()) claims.add(nothingFound(evidence));
      return claims;
    }
    switch (evidence.understanding().intent()) {
      case WHY -> claims.addAll(ContrastComposer.why(evidence));
      case WHY_NOT -> claims.addAll(ContrastComposer.whyNot(evidence));
      case COMPARE -> claims.addAll(ContrastComposer.compare(evidence));
      case SEARCH, MORE -> claims.addAll(topPicks(evidence));
      case RELATED -> claims.addAll(related(evidence));
      case QUESTION, CHAT -> throw new IllegalStateException("answered above"); // unreachable
    }
    return claims;
  }

  private static Claim nothingFound(Evidence evidence) {
    List<Fact> basis = new ArrayList<>(List.of(Fact.of("", "shown", 0)));
    List<String> wishes = new ArrayList<>();
    for (Constraint c : evidence.understanding().constraints()) {
      if (c.kind() == Constraint.Kind.SORT) continue; // an order, not a filter
      wishes.add(Wording.wish(c, evidence));
      basis.add(constraintFact(c));
    }
    String query = evidence.understanding().query().strip();
    String text = "I found no products" + (query.isEmpty() ? "" : " for \"" + query + "\"")
        + (wishes.isEmpty() ? "" : " that meet all of your wishes (" + String.join("; ", wishes) + ")");
    return new Claim(Wording.sentence(text), basis);
  }

  private static List<Claim> topPicks(Evidence evidence) {
    List<Claim> claims = new ArrayList<>();
    List<RankedProduct> top = evidence.shown().subList(0, Math.min(TOP, evidence.shown().size()));
    String query = evidence.understanding().query().strip();
    // a relaxed page (nothing met every wish) offers the closest, not the best, matches
    boolean relaxed = top.stream().anyMatch(r -> !evidence.understanding().constraints().stream().allMatch(c -> c.test(r.product())));
    int n = evidence.shown().size();
    String lead = relaxed ? (top.size() == 1 ? "Here is the closest match" : "Here are the closest matches")
        : evidence.understanding().page() == 0 && n < FULL_PAGE ? (n == 1 ? "Only one product matches" : "Only " + n + " products match")
        : (top.size() == 1 ? "Here is my best match" : "Here are my best matches");
    claims.add(Claim.of(lead + (query.isEmpty() ? "." : " for \"" + query + "\"."), Fact.of("", "shown", n)));
    for (int i = 0; i < top.size(); i++) {
      RankedProduct r = top.get(i);
      claims.add(priceClaim(r, evidence.understanding().constraints()));
      goesWith(r, evidence).ifPresent(claims::add);
      // lead with what sets it apart from the others shown; the shared reasons only once
      Optional<Claim> standout = standout(r, evidence.shown());
      if (standout.isPresent()) claims.add(standout.get());
      else if (i == 0) reasonsClaim(r, 2, "What counted most: ").ifPresent(claims::add);
      if (standout.isEmpty() || !standout.get().sentence().contains("rat")) claims.add(ratingClaim(r));
      if (i == 0) wishesClaim(r, evidence.understanding().constraints()).ifPresent(claims::add);
    }
    return claims;
  }

  /** "It goes with the Acme Laptop 14 you looked at." from a complementary edge of the evidence. */
  static Optional<Claim> goesWith(RankedProduct r, Evidence evidence) {
    for (dev.glasscart.catalog.graph.Edge e : evidence.relatedTo(r.product().id())) {
      Optional<Product> anchor = evidence.anchor(e.from());
      if (anchor.isEmpty() || e.relation() != dev.glasscart.catalog.graph.Relation.COMPLEMENTARY) continue;
      return Optional.of(Claim.of("It goes with the " + anchor.get().title() + " you looked at (" + e.reason() + ").",
          fact(anchor.get(), "title", anchor.get().title()), fact(r.product(), "relation:" + e.relation().wire(), e.reason())));
    }
    return Optional.empty();
  }

  /**
   * A RELATED turn: what the products are to the anchor ("These go with ..."), then for each of
   * the first {@link #TOP} its price and the edge's reason.
   */
  private static List<Claim> related(Evidence evidence) {
    List<Claim> claims = new ArrayList<>();
    Product anchor = evidence.anchors().isEmpty() ? null : evidence.anchors().get(0);
    if (anchor != null) {
      String name = Wording.name(anchor);
      String lead = switch (evidence.understanding().related()) {
        case COMPLEMENTARY -> "These go with the " + name + ".";
        case SIMILAR -> "These are similar to the " + name + ".";
        case CHEAPER_ALTERNATIVE -> "These are similar to the " + name + " and cost less than its " + Wording.price(anchor) + ".";
        case SAME_BRAND -> "More from " + anchor.brand() + ", the brand of the " + anchor.title() + ".";
      };
      claims.add(Claim.of(lead, fact(anchor, "title", anchor.title()), fact(anchor, "brand", anchor.brand()),
          fact(anchor, "price", anchor.price()), Fact.of("", "relation", evidence.understanding().related().wire())));
    }
    List<RankedProduct> top = evidence.shown().subList(0, Math.min(TOP, evidence.shown().size()));
    for (RankedProduct r : top) {
      claims.add(priceClaim(r, evidence.understanding().constraints()));
      for (dev.glasscart.catalog.graph.Edge e : evidence.relatedTo(r.product().id())) {
        claims.add(Claim.of(Wording.sentence("why: " + e.reason()), fact(r.product(), "relation:" + e.relation().wire(), e.reason())));
        break;
      }
    }
    return claims;
  }

  /** A page this full says nothing about how many match; fewer says "only N". */
  static final int FULL_PAGE = 5;

  /**
   * What distinguishes {@code r} among the {@code shown} products, when something does: the only
   * one at its price or lower, the best rated, the most reviewed, or a reason none of the others
   * has. Empty when it shares all of these with another.
   */
  static Optional<Claim> standout(RankedProduct r, List<RankedProduct> shown) {
    if (shown.size() < 2) return Optional.empty();
    Product p = r.product();
    List<Product> others = shown.stream().map(RankedProduct::product).filter(o -> o != p).toList();
    if (others.stream().allMatch(o -> o.price() > p.price())) {
      return Optional.of(Claim.of("It is the cheapest of these.", fact(p, "price", p.price())));
    }
    if (p.reviewCount() > 0 && others.stream().allMatch(o -> o.rating() < p.rating())) {
      return Optional.of(Claim.of("It is the best rated of these, with " + Wording.rating(p.rating()) + " stars from "
          + p.reviewCount() + (p.reviewCount() == 1 ? " review." : " reviews."), fact(p, "rating", p.rating()),
          fact(p, "reviewCount", p.reviewCount())));
    }
    if (others.stream().allMatch(o -> o.reviewCount() < p.reviewCount())) {
      return Optional.of(Claim.of("It is the most reviewed of these, with " + p.reviewCount() + " reviews.",
          fact(p, "reviewCount", p.reviewCount())));
    }
    for (Contribution c : r.contributions()) {
      // a label with an amount ("$74.01 under your budget") is a margin, not a trait
      if (c.value() <= 0 || c.label().isBlank() || c.label().chars().anyMatch(Character::isDigit)) continue;
      boolean shared = shown.stream().filter(o -> o != r).anyMatch(o -> o.contributions().stream()
          .anyMatch(x -> x.feature().equals(c.feature()) && x.value() > 0 && x.label().equals(c.label())));
      if (!shared) {
        return Optional.of(Claim.of(Wording.sentence("unlike the others here: " + c.label()),
            fact(p, "contribution:" + c.feature(), c.label())));
      }
    }
    return Optional.empty();
  }

  /** "X costs $89, within your $100 budget." */
  static Claim priceClaim(RankedProduct r, List<Constraint> constraints) {
    Product p = r.product();
    List<Fact> basis = new ArrayList<>(List.of(fact(p, "title", p.title()), fact(p, "price", p.price())));
    if (!p.brand().isBlank()) basis.add(fact(p, "brand", p.brand()));
    StringBuilder s = new StringBuilder(Wording.name(p)).append(" costs ").append(Wording.price(p));
    for (Constraint c : constraints) {
      if (c.kind() == Constraint.Kind.PRICE_MAX) {
        String limit = Money.format(c.number(), p.currency());
        s.append(c.test(p) ? ", within your " + limit + " budget" : ", above your " + limit + " budget");
        basis.add(constraintFact(c));
      } else if (c.kind() == Constraint.Kind.PRICE_MIN) {
        String limit = Money.format(c.number(), p.currency());
        s.append(c.test(p) ? ", above your minimum of " + limit : ", below your minimum of " + limit);
        basis.add(constraintFact(c));
      }
    }
    return new Claim(s.append('.').toString(), basis);
  }

  /** The largest positive contributions' labels, e.g. "What counted most: title matches 'red'; in stock." */
  static Optional<Claim> reasonsClaim(RankedProduct r, int limit, String lead) {
    return reasonsClaim(r, limit, lead, Language.EN);
  }

  /**
   * As {@link #reasonsClaim(RankedProduct, int, String)}, the labels in {@code language}
   * ("最主要的因素：评分4.6（212条评价）；有货。"): the same contributions, worded for the shopper.
   */
  static Optional<Claim> reasonsClaim(RankedProduct r, int limit, String lead, Language language) {
    List<String> labels = new ArrayList<>();
    List<Fact> basis = new ArrayList<>();
    for (Contribution c : r.contributions()) {
      String label = c.label(language);
      if (c.value() <= 0 || label.isBlank() || labels.size() >= limit) continue;
      labels.add(label);
      basis.add(fact(r.product(), "contribution:" + c.feature(), label));
    }
    if (labels.isEmpty()) return Optional.empty();
    // labels are noun phrases or clauses depending on the feature: list them, don't weave them
    if (language == Language.ZH) return Optional.of(new Claim(lead + String.join("；", labels) + "。", basis));
    return Optional.of(new Claim(Wording.sentence(lead + String.join("; ", labels)), basis));
  }

  /** "It is rated 4.5 stars from 120 reviews and is in stock." */
  static Claim ratingClaim(RankedProduct r) {
    Product p = r.product();
    String stock = p.inStock() ? "is in stock" : "is out of stock";
    String text = p.reviewCount() == 0
        ? "It has no reviews yet and " + stock + "."
        : "It is rated " + Wording.rating(p.rating()) + " stars from " + p.reviewCount()
            + (p.reviewCount() == 1 ? " review" : " reviews") + " and " + stock + ".";
    return Claim.of(text, fact(p, "rating", p.rating()), fact(p, "reviewCount", p.reviewCount()),
        fact(p, "stock", p.stock()));
  }

  /** The brand, category, attribute, rating and stock wishes it meets (prices are said elsewhere). */
  static Optional<Claim> wishesClaim(RankedProduct r, List<Constraint> constraints) {
    List<String> met = new ArrayList<>();
    List<Fact> basis = new ArrayList<>();
    for (Constraint c : constraints) {
      switch (c.kind()) {
        case PRICE_MAX, PRICE_MIN, SORT -> { }
        default -> {
          if (c.test(r.product())) {
            met.add(c.describe(r.product().currency()));
            basis.add(constraintFact(c));
          }
        }
      }
    }
    if (met.isEmpty()) return Optional.empty();
    basis.add(fact(r.product(), "id", r.product().id()));
    return Optional.of(new Claim("It meets your wishes: " + Wording.and(met) + ".", basis));
  }

  /** "It matches 'red' and 'dress'." from the matched terms of every field. */
  static Optional<Claim> termsClaim(RankedProduct r) {
    Set<String> terms = new TreeSet<>();
    r.matchedTerms().values().forEach(terms::addAll);
    if (terms.isEmpty()) return Optional.empty();
    List<String> quoted = terms.stream().map(t -> "'" + t + "'").toList();
    return Optional.of(Claim.of("It matches your words " + Wording.and(quoted) + ".",
        fact(r.product(), "matchedTerms", r.matchedTerms())));
  }

  static Fact fact(Product p, String name, Object value) {
    return Fact.of(p.id(), name, value);
  }

  static Fact constraintFact(Constraint c) {
    return Fact.of("", "constraint:" + c.kind(), c.field().isEmpty() ? c.value() : c.field() + "=" + c.value());
  }
}
