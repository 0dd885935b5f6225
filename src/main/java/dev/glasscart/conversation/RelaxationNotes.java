package dev.glasscart.conversation;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.explanation.Wording;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Language;
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
    return note(g, others, fits, Language.EN);
  }

  /** The note of dropping {@code g}, in {@code language}: the same facts, in English or in Chinese. */
  static String note(List<Constraint> g, List<List<Constraint>> others, List<Product> fits, Language language) {
    if (language == Language.ZH) return chinese(g, others, fits);
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

  /** {@link #note} for a shopper who wrote Chinese: "没有80元以内的Nike跑步鞋；最便宜的是89元". */
  private static String chinese(List<Constraint> g, List<List<Constraint>> others, List<Product> fits) {
    Constraint c = g.get(0);
    String ctx = context(others).replaceAll("(?<=\\p{IsHan}) | (?=\\p{IsHan})", "");
    String things = ctx.isEmpty() ? "商品" : ctx;
    String what = g.stream().map(Constraint::value).collect(Collectors.joining("或"));
    String cur = currency(fits);
    return switch (c.kind()) {
      case PRICE_MAX -> "没有" + Money.formatChinese(c.number(), cur) + "以内的" + things + "；最便宜的是"
          + Money.formatChinese(min(fits, Product::price), cur);
      case PRICE_MIN -> "没有" + Money.formatChinese(c.number(), cur) + "以上的" + things + "；最贵的是"
          + Money.formatChinese(max(fits, Product::price), cur);
      case RATING_MIN -> "没有评分" + c.value() + "星及以上的" + things + "；评分最高的是"
          + PhraseRules.format(max(fits, Product::rating)) + "星";
      case ATTRIBUTE -> {
        String field = c.field();
        String in = AttributeNames.inWords(field).equals("colour") || field.equals("tag") ? "" : AttributeNames.inWords(field) + "为";
        List<String> values = top(fits, p -> field.equals("tag") ? null : p.attribute(field));
        yield "没有" + in + what + "的" + things + "；" + (values.isEmpty() ? "去掉这一条共有" + fits.size() + "件"
            : (ctx.isEmpty() ? "符合的商品" : ctx) + "有：" + String.join("、", values));
      }
      case BRAND -> "没有" + what + "的" + things + "；有这类商品的品牌：" + String.join("、", top(fits, Product::brand));
      case CATEGORY -> "没有" + ctx + what + "；有的类别：" + String.join("、", top(fits, Product::category));
      case NOT_ATTRIBUTE -> "没有不带" + what + "的" + things + "；其余符合条件的" + fits.size() + "件都是" + what;
      case NOT_BRAND, NOT_CATEGORY -> "除了" + what + "没有别的" + things + "；其余符合条件的" + fits.size() + "件都是" + what;
      case IN_STOCK -> "没有有货的" + things + "；" + fits.size() + "件符合条件的商品暂时缺货";
      default -> "保留“" + c.describe(cur, Language.ZH) + "”就没有符合的商品；去掉它共有" + fits.size() + "件";
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
