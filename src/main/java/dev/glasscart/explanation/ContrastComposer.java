package dev.glasscart.explanation;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.ranking.AdditiveRanker;
import dev.glasscart.ranking.Contribution;
import dev.glasscart.ranking.RankedProduct;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in answers to WHY, WHY_NOT and COMPARE, computed from contributions and constraints.
 * WHY_NOT expects the referenced product among {@link Evidence#shown()} (with its own rank and
 * contributions); the pipeline adds it there. Pure and thread-safe.
 */
final class ContrastComposer {
  private ContrastComposer() {}

  static List<Claim> why(Evidence e) {
    if (!e.understanding().referencedProductIds().isEmpty() && referenced(e, 0).isEmpty()) return List.of(unknown(e));
    RankedProduct r = referenced(e, 0).orElse(e.shown().getFirst());
    List<Claim> claims = new ArrayList<>();
    ClaimComposer.reasonsClaim(r, 3, Wording.name(r.product()) + " is #" + r.rank() + "; what counted most: ")
        .ifPresentOrElse(claims::add, () -> claims.add(Claim.of(Wording.name(r.product()) + " is #" + r.rank() + ".",
            ClaimComposer.fact(r.product(), "rank", r.rank()))));
    // the baseline (the model's bias) is the same for every product: it holds nothing back
    r.contributions().stream().filter(c -> c.value() < 0 && !c.label().isBlank() && !c.feature().equals(AdditiveRanker.BASELINE)).findFirst()
        .ifPresent(c -> claims.add(Claim.of("What held it back: " + c.label() + ".",
            ClaimComposer.fact(r.product(), "contribution:" + c.feature(), c.label()))));
    ClaimComposer.termsClaim(r).ifPresent(claims::add);
    claims.add(ClaimComposer.priceClaim(r, e.understanding().constraints()));
    ClaimComposer.wishesClaim(r, e.understanding().constraints()).ifPresent(claims::add);
    claims.add(ClaimComposer.ratingClaim(r));
    return claims;
  }

  /** The ranker's constraint-fit features: a broken wish shows up in them as a negative contribution. */
  private static final Set<String> CONSTRAINT_FEATURES =
      Set.of("price_fit", "budget_margin", "brand_fit", "category_fit", "attribute_fit");

  static List<Claim> whyNot(Evidence e) {
    Optional<RankedProduct> found = referenced(e, 0);
    if (found.isEmpty()) return List.of(unknown(e));
    RankedProduct r = found.get();
    Product p = r.product();
    List<Claim> claims = new ArrayList<>();
    List<Constraint> failed = e.understanding().constraints().stream().filter(c -> !c.test(p)).toList();
    for (Constraint c : failed) {
      claims.add(Claim.of(Wording.name(p) + " does not meet your wish \"" + Wording.wish(c, e) + "\": " + actual(c, p) + ".",
          ClaimComposer.constraintFact(c), ClaimComposer.fact(p, factName(c), factValue(c, p))));
    }
    List<RankedProduct> qualifying = e.shown().stream()
        .filter(o -> o != r && e.understanding().constraints().stream().allMatch(c -> c.test(o.product()))).toList();
    // what it would score if the wishes it breaks did not count against it
    double unpenalized = r.score() - r.contributions().stream()
        .filter(c -> CONSTRAINT_FEATURES.contains(c.feature()) && c.value() < 0).mapToDouble(Contribution::value).sum();
    if (!failed.isEmpty()) {
      int place = 1 + (int) qualifying.stream().filter(o -> o.score() > unpenalized).count();
      List<String> wishes = failed.stream().map(c -> Wording.wish(c, e)).toList();
      List<Fact> basis = new ArrayList<>(failed.stream().map(ClaimComposer::constraintFact).toList());
      basis.add(ClaimComposer.fact(p, "score", r.score()));
      claims.add(new Claim("It would rank " + (place == 1 ? "first" : "#" + place) + " if it were "
          + Wording.and(wishes) + ".", basis));
    }
    Optional<RankedProduct> winner = qualifying.stream().filter(o -> o.rank() < r.rank() || !failed.isEmpty())
        .min(Comparator.comparingInt(RankedProduct::rank));
    if (winner.isEmpty()) {
      if (failed.isEmpty()) claims.add(Claim.of(Wording.name(p) + " is already ranked #" + r.rank() + ".",
          ClaimComposer.fact(p, "rank", r.rank())));
      return claims;
    }
    Optional<Constraint> sort = e.understanding().constraints().stream().filter(c -> c.kind() == Constraint.Kind.SORT).reduce((a, b) -> b);
    if (sort.isPresent() && failed.isEmpty()) {
      // a sorted list: the order is the sort's, so that is the reason
      claims.add(sortedBehind(sort.get(), r, winner.get()));
      return claims;
    }
    // after a failed wish, the score contrast only matters when it would still lose on score
    if (failed.isEmpty() || winner.get().score() > unpenalized) {
      // name the product asked about first: the contrast below speaks of it as "it"
      if (failed.isEmpty()) claims.add(Claim.of("You asked about " + Wording.name(p) + ".", ClaimComposer.fact(p, "title", p.title())));
      claims.addAll(lostOn(r, winner.get(), failed.isEmpty()));
    }
    // (after a broken wish, lostOn compares the other features: the wish was already said)
    return claims;
  }

  /** "X is rated 4.62 stars, below Y's 4.99, and the list is sorted best rated first." */
  private static Claim sortedBehind(Constraint sort, RankedProduct r, RankedProduct w) {
    Product p = r.product();
    Product q = w.product();
    String text = switch (Constraint.Sort.valueOf(sort.value())) {
      case CHEAPEST -> Wording.name(p) + " costs " + Wording.price(p) + ", more than " + Wording.name(q) + " at "
          + Wording.price(q) + ", and the list is sorted cheapest first.";
      case PRICIEST -> Wording.name(p) + " costs " + Wording.price(p) + ", less than " + Wording.name(q) + " at "
          + Wording.price(q) + ", and the list is sorted most expensive first.";
      case BEST_RATED -> Wording.name(p) + " is rated " + Wording.rating(p.rating()) + " stars, lower than "
          + Wording.name(q) + " at " + Wording.rating(q.rating()) + ", and the list is sorted best rated first.";
      case MOST_REVIEWED -> Wording.name(p) + " has " + p.reviewCount() + " reviews, fewer than " + Wording.name(q)
          + " with " + q.reviewCount() + ", and the list is sorted by reviews.";
    };
    return Claim.of(text, ClaimComposer.constraintFact(sort), ClaimComposer.fact(p, "rank", r.rank()),
        ClaimComposer.fact(q, "rank", w.rank()), ClaimComposer.fact(p, "price", p.price()), ClaimComposer.fact(q, "price", q.price()),
        ClaimComposer.fact(p, "rating", p.rating()), ClaimComposer.fact(q, "rating", q.rating()));
  }

  /** Which contributions it lost on, and whether one alone would close the gap. */
  private static List<Claim> lostOn(RankedProduct r, RankedProduct w, boolean sayCounterfactual) {
    Map<String, Contribution> mine = byFeature(r);
    List<Contribution> ahead = new ArrayList<>();
    for (Contribution c : w.contributions()) {
      if (!sayCounterfactual && CONSTRAINT_FEATURES.contains(c.feature())) continue; // the broken wish was said already
      Contribution m = mine.get(c.feature());
      if (c.value() - (m == null ? 0 : m.value()) > 1e-9) ahead.add(c);
    }
    ahead.sort(Comparator.comparingDouble((Contribution c) -> c.value() - value(mine, c.feature())).reversed());
    List<Claim> claims = new ArrayList<>();
    String them = Wording.name(w.product());
    if (ahead.isEmpty()) {
      claims.add(Claim.of("It ranks #" + r.rank() + " and " + them + " #" + w.rank() + ".",
          ClaimComposer.fact(r.product(), "rank", r.rank()), ClaimComposer.fact(w.product(), "rank", w.rank())));
      return claims;
    }
    Contribution top = ahead.getFirst();
    claims.add(Claim.of("It ranks #" + r.rank() + ", behind " + them + " at #" + w.rank() + ", mostly on \""
            + top.label() + "\": " + Wording.signed(top.value()) + " against " + Wording.signed(value(mine, top.feature()))
            + ".",
        ClaimComposer.fact(r.product(), "rank", r.rank()), ClaimComposer.fact(w.product(), "rank", w.rank()),
        ClaimComposer.fact(w.product(), "contribution:" + top.feature(), top.value()),
        ClaimComposer.fact(r.product(), "contribution:" + top.feature(), value(mine, top.feature()))));
    if (!sayCounterfactual) return claims;
    double gap = w.score() - r.score();
    double closes = top.value() - value(mine, top.feature());
    String place = w.rank() == 1 ? "first" : "above " + them;
    if (closes > gap) {
      claims.add(Claim.of("It would rank " + place + " if it scored as well as " + them + " on \"" + top.label() + "\".",
          ClaimComposer.fact(w.product(), "score", w.score()), ClaimComposer.fact(r.product(), "score", r.score()),
          ClaimComposer.fact(w.product(), "contribution:" + top.feature(), top.value())));
    } else {
      List<String> labels = ahead.stream().limit(3).map(c -> "\"" + c.label() + "\"").toList();
      claims.add(Claim.of("No single change would put it " + place + "; it trails on " + Wording.and(labels) + ".",
          ClaimComposer.fact(w.product(), "score", w.score()), ClaimComposer.fact(r.product(), "score", r.score())));
    }
    return claims;
  }

  static List<Claim> compare(Evidence e) {
    Set<RankedProduct> picked = new LinkedHashSet<>();
    for (int i = 0; i < e.understanding().referencedProductIds().size(); i++) referenced(e, i).ifPresent(picked::add);
    for (RankedProduct r : e.shown()) if (picked.size() < 2) picked.add(r);
    List<RankedProduct> ps = List.copyOf(picked);
    if (ps.size() < 2) return ContrastComposer.why(e);
    List<Claim> claims = new ArrayList<>();
    claims.add(side("Price: ", ps, r -> Wording.name(r.product()) + " costs " + Wording.price(r.product()), "price",
        r -> r.product().price()));
    RankedProduct cheapest = ps.stream().min(Comparator.comparingDouble(r -> r.product().price())).get();
    if (ps.stream().filter(r -> r.product().price() == cheapest.product().price()).count() == 1) {
      claims.add(Claim.of(Wording.name(cheapest.product()) + " is the " + (ps.size() == 2 ? "cheaper" : "cheapest") + ".",
          ps.stream().map(r -> ClaimComposer.fact(r.product(), "price", r.product().price())).toArray(Fact[]::new)));
    }
    claims.add(side("Rating: ", ps, r -> Wording.name(r.product()) + " is rated " + Wording.rating(r.product().rating())
        + " from " + r.product().reviewCount() + " reviews", "rating", r -> r.product().rating()));
    claims.add(side("Stock: ", ps, r -> Wording.name(r.product()) + (r.product().inStock() ? " is in stock" : " is out of stock"),
        "stock", r -> r.product().stock()));
    claims.add(side("Ranking: ", ps, r -> Wording.name(r.product()) + " is #" + r.rank()
        + r.contributions().stream().filter(c -> c.value() > 0 && !c.label().isBlank()).findFirst()
            .map(c -> " for \"" + c.label() + "\"").orElse(""), "rank", RankedProduct::rank));
    return claims;
  }

  private static Claim side(String lead, List<RankedProduct> ps, java.util.function.Function<RankedProduct, String> part,
      String factName, java.util.function.Function<RankedProduct, Object> factValue) {
    return new Claim(lead + String.join("; ", ps.stream().map(part).toList()) + ".",
        ps.stream().map(r -> ClaimComposer.fact(r.product(), factName, factValue.apply(r))).toList());
  }

  private static Claim unknown(Evidence e) {
    String id = e.understanding().referencedProductIds().isEmpty() ? "" : e.understanding().referencedProductIds().getFirst();
    return Claim.of("I have no details on that product in this turn, so I cannot explain it.",
        Fact.of(id, "referenced", "not shown"));
  }

  private static String actual(Constraint c, Product p) {
    return switch (c.kind()) {
      case PRICE_MAX, PRICE_MIN -> "it costs " + Wording.price(p);
      case BRAND, NOT_BRAND -> p.brand().isBlank() ? "its brand is unknown" : "it is by " + p.brand();
      case CATEGORY, NOT_CATEGORY -> "it is in " + p.category();
      case ATTRIBUTE, NOT_ATTRIBUTE -> p.attribute(c.field()) == null ? "its " + AttributeNames.inWords(c.field()) + " is not listed"
          : "its " + AttributeNames.inWords(c.field()) + " is " + p.attribute(c.field());
      case RATING_MIN -> "it is rated " + Wording.rating(p.rating());
      case IN_STOCK -> "it is out of stock";
      case SORT -> "it is sorted differently";
    };
  }

  private static String factName(Constraint c) {
    return switch (c.kind()) {
      case PRICE_MAX, PRICE_MIN -> "price";
      case BRAND, NOT_BRAND -> "brand";
      case CATEGORY, NOT_CATEGORY -> "category";
      case ATTRIBUTE, NOT_ATTRIBUTE -> "attribute:" + c.field();
      case RATING_MIN -> "rating";
      case IN_STOCK, SORT -> "stock";
    };
  }

  private static Object factValue(Constraint c, Product p) {
    return switch (c.kind()) {
      case PRICE_MAX, PRICE_MIN -> p.price();
      case BRAND, NOT_BRAND -> p.brand();
      case CATEGORY, NOT_CATEGORY -> p.category();
      case ATTRIBUTE, NOT_ATTRIBUTE -> String.valueOf(p.attribute(c.field()));
      case RATING_MIN -> p.rating();
      case IN_STOCK, SORT -> p.stock();
    };
  }

  private static Optional<RankedProduct> referenced(Evidence e, int i) {
    List<String> ids = e.understanding().referencedProductIds();
    if (i >= ids.size()) return Optional.empty();
    return e.shown().stream().filter(r -> r.product().id().equals(ids.get(i))).findFirst();
  }

  private static Map<String, Contribution> byFeature(RankedProduct r) {
    Map<String, Contribution> m = new HashMap<>();
    for (Contribution c : r.contributions()) m.putIfAbsent(c.feature(), c);
    return m;
  }

  private static double value(Map<String, Contribution> m, String feature) {
    Contribution c = m.get(feature);
    return c == null ? 0 : c.value();
  }
}
