package dev.glasscart.conversation;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.explanation.Wording;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Cost and wording of one relaxation for {@link ConstraintFilter}. Moving a numeric bound (price,
 * rating) to the nearest product costs its relative gap squashed into [0, 1), so it always beats
 * dropping a word constraint, and a smaller gap beats a larger one; dropping an attribute, a
 * negation or stock costs 1, a brand 1.5, the category (the topic itself) 3, each slightly less
 * when more products come back. Stateless.
 */
final class RelaxationNotes {
  private RelaxationNotes() {}

  static double cost(List<Constraint> g, List<Product> fits) {
    Constraint c = g.get(0);
    // ties: more products back, then the constraint stated longest ago (the newest is what the
    // shopper just asked for)
    double more = 0.001 * Math.min(fits.size(), 500) / 500.0 - 0.0001 * Math.min(c.turn(), 1000);
    return switch (c.kind()) {
      case PRICE_MAX -> squash((min(fits, Product::price) - c.number()) / Math.max(c.number(), 1));
      case PRICE_MIN -> squash((c.number() - max(fits, Product::price)) / Math.max(c.number(), 1));
      case RATING_MIN -> squash(2 * (c.number() - max(fits, Product::rating)) / Math.max(c.number(), 1));
      case CATEGORY -> 3 - more;
      case BRAND -> 1.5 - more;
      default -> 1 - more;
    };
  }

  /** A relative gap mapped into [0, 1): moving a bound always beats dropping a word constraint. */
  private static double squash(double gap) {
    return gap / (1 + gap);
  }

  static String note(List<Constraint> g, List<List<Constraint>> others, List<Product> fits) {
    Constraint c = g.get(0);
    String ctx = context(others);
    String among = ctx.isEmpty() ? "" : " " + ctx;
    String none = ctx.isEmpty() ? "nothing" : "no " + ctx;
    String what = g.stream().map(Constraint::value).collect(Collectors.joining(" or "));
    return switch (c.kind()) {
      case PRICE_MAX -> none + " under " + money(c.number(), fits) + "; the cheapest is "
          + money(min(fits, Product::price), fits);
      case PRICE_MIN -> none + " over " + money(c.number(), fits) + "; the most expensive is "
          + money(max(fits, Product::price), fits);
      case RATING_MIN -> none + " rated " + c.value() + " stars and up; the best rated is "
          + PhraseRules.format(max(fits, Product::rating)) + " stars";
      case ATTRIBUTE -> {
        String field = c.field();
        String named = AttributeNames.inWords(field);
        String in = named.equals("colour") || field.equals("tag") ? "" : named + " ";
        List<String> values = top(fits, p -> field.equals("tag") ? null : p.attribute(field));
        yield "no " + (ctx.isEmpty() ? "match" : ctx) + " in " + in + what + "; "
            + (values.isEmpty() ? "without it there are " + fits.size()
                : (ctx.isEmpty() ? "the matches come in " : singleBrand(others) ? ctx + " has " : "the " + ctx + " come in ")
                    + in + Wording.and(values));
      }
      case BRAND -> "no " + what + among + "; brands that have it: " + Wording.and(top(fits, Product::brand));
      case CATEGORY -> "no " + what + among + "; categories that have it: " + Wording.and(top(fits, Product::category));
      case NOT_ATTRIBUTE, NOT_BRAND, NOT_CATEGORY -> "no " + (ctx.isEmpty() ? "match" : ctx)
          + (c.kind() == Kind.NOT_ATTRIBUTE ? " without " : " other than ") + what + "; the " + fits.size()
          + " that fit otherwise all " + (c.kind() == Kind.NOT_ATTRIBUTE ? "have " : "are ") + what;
      case IN_STOCK -> none + " in stock; " + fits.size() + " matching products are out of stock";
      default -> "nothing fits while keeping \"" + c.describe(currency(fits)) + "\"; without it there are " + fits.size();
    };
  }

  /** The includes still in force, in words: "Nike women size 9 running shoes". */
  private static String context(List<List<Constraint>> others) {
    List<String> words = new ArrayList<>();
    for (Kind k : List.of(Kind.BRAND, Kind.ATTRIBUTE, Kind.CATEGORY)) {
      for (List<Constraint> g : others) {
        if (g.get(0).kind() == k) words.add(g.stream().map(RelaxationNotes::label).collect(Collectors.joining(" or ")));
      }
    }
    return String.join(" ", words);
  }

  /** An include as a modifier: the value, prefixed by its key when the value is a bare number. */
  private static String label(Constraint c) {
    boolean number = c.value().chars().allMatch(ch -> Character.isDigit(ch) || ch == '.');
    return c.kind() == Kind.ATTRIBUTE && number ? AttributeNames.inWords(c.field()) + " " + c.value() : c.value();
  }

  private static boolean singleBrand(List<List<Constraint>> others) {
    return others.size() == 1 && others.get(0).size() == 1 && others.get(0).get(0).kind() == Kind.BRAND;
  }

  private static List<String> top(List<Product> fits, Function<Product, String> f) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Product p : fits) {
      String v = f.apply(p);
      if (v != null && !v.isBlank()) counts.merge(v, 1L, Long::sum);
    }
    return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(4).map(Map.Entry::getKey).toList();
  }

  private static double min(List<Product> ps, java.util.function.ToDoubleFunction<Product> f) {
    return ps.stream().mapToDouble(f).min().orElse(0);
  }

  private static double max(List<Product> ps, java.util.function.ToDoubleFunction<Product> f) {
    return ps.stream().mapToDouble(f).max().orElse(0);
  }

  private static String money(double v, List<Product> fits) {
    return Money.format(v, currency(fits));
  }

  private static String currency(List<Product> fits) {
    return Money.currencyOf(fits);
  }
}
