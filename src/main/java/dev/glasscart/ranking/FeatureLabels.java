package dev.glasscart.ranking;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Language;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Words for people for one feature's value, e.g. "title matches 'red', 'dress'", "rated 4.6 from
 * 212 reviews", "under your $120 budget", "Nike, as you asked", "in stock"; for a shopper who wrote
 * Chinese the same facts in Chinese ("评分4.6（212条评价）", "在您800元的预算以内", amounts by
 * {@link Money#formatChinese}). Stateless, thread-safe.
 */
public final class FeatureLabels {

  /** The label of {@code f} whose natural value is {@code natural}, in English. */
  public String label(Feature f, double natural, RankingQuery q, Candidate c, Product p) {
    return label(f, natural, q, c, p, Language.EN);
  }

  /** The label of {@code f} whose natural value is {@code natural}, in {@code language}. */
  public String label(Feature f, double natural, RankingQuery q, Candidate c, Product p, Language language) {
    if (language == Language.ZH) return chinese(f, natural, q, c, p);
    return switch (f) {
      case TITLE_MATCH -> matched("title matches", q, c, Signals.TITLE);
      case BRAND_MATCH -> matched("brand matches", q, c, Signals.BRAND);
      case CATEGORY_MATCH -> matched("category matches", q, c, Signals.CATEGORY, Signals.TAGS);
      case ATTRIBUTE_MATCH -> matched("attributes match", q, c, Signals.ATTRIBUTES);
      case DESCRIPTION_MATCH -> matched("description mentions", q, c, Signals.DESCRIPTION);
      case SEMANTIC -> String.format(Locale.ROOT, "close in meaning to your request (similarity %.2f)", natural);
      case TITLE_COVERAGE -> String.format(
          Locale.ROOT, "title has %.0f%% of your search words", 100 * natural);
      case PRICE_FIT -> priceLabel(natural > 0, q, p);
      case BUDGET_MARGIN -> Money.format(q.priceMax() - p.price(), p.currency()) + " under your "
          + Money.format(q.priceMax(), p.currency()) + " budget";
      case BRAND_FIT -> constraintLabel(q.brand(), p, p.brand());
      case CATEGORY_FIT -> constraintLabel(q.category(), p, p.category());
      case ATTRIBUTE_FIT -> constraintLabel(q.attribute(), p, null);
      case RATING -> p.reviewCount() == 0
          ? "no reviews yet"
          : String.format(Locale.ROOT, "rated %.1f from %d review%s", p.rating(), p.reviewCount(),
              p.reviewCount() == 1 ? "" : "s");
      case REVIEW_COUNT -> p.reviewCount() + " review" + (p.reviewCount() == 1 ? "" : "s");
      case IN_STOCK -> natural > 0 ? "in stock" : "out of stock";
      case KEYWORD_RANK -> "among the top keyword matches";
      case MEANING_RANK -> "among the top matches by meaning";
      case TITLE_ALL_TERMS -> "title has all your search words";
      case QUERY_COVERAGE -> String.format(Locale.ROOT, "mentions %.0f%% of your search words", 100 * natural);
      case TITLE_PHRASE -> "title has your exact phrase '" + q.text().trim() + "'";
      case TITLE_SEMANTIC -> String.format(Locale.ROOT, "title close in meaning to your request (similarity %.2f)", natural);
      case TITLE_EXACT -> String.format(Locale.ROOT, "title has %.0f%% of your words as you typed them", 100 * natural);
      case PEER_SIMILARITY -> String.format(Locale.ROOT, natural >= Feature.TYPICAL_PEER_SIMILARITY
          ? "much like the other top matches (similarity %.2f)" : "less like the other top matches (similarity %.2f)", natural);
      case DESCRIPTION_COVERAGE -> String.format(
          Locale.ROOT, "description has %.0f%% of your search words", 100 * natural);
      // worded by ProfileFeatures, which knows the profile; this is what a ranker without one says
      case PROFILE_BRAND, PROFILE_CATEGORY, PROFILE_ATTRIBUTE, PROFILE_PRICE -> "from what you told me before";
    };
  }

  /** The Chinese label: the same facts as the English one, as a Chinese shopper reads them. */
  private static String chinese(Feature f, double natural, RankingQuery q, Candidate c, Product p) {
    return switch (f) {
      case TITLE_MATCH -> matchedZh("标题匹配", q, c, Signals.TITLE);
      case BRAND_MATCH -> matchedZh("品牌匹配", q, c, Signals.BRAND);
      case CATEGORY_MATCH -> matchedZh("类别匹配", q, c, Signals.CATEGORY, Signals.TAGS);
      case ATTRIBUTE_MATCH -> matchedZh("属性匹配", q, c, Signals.ATTRIBUTES);
      case DESCRIPTION_MATCH -> matchedZh("描述提到", q, c, Signals.DESCRIPTION);
      case SEMANTIC -> String.format(Locale.ROOT, "与您的需求意思相近（相似度%.2f）", natural);
      case TITLE_COVERAGE -> String.format(Locale.ROOT, "标题含有您%.0f%%的搜索词", 100 * natural);
      case PRICE_FIT -> priceLabelZh(natural > 0, q, p);
      case BUDGET_MARGIN -> "比您" + Money.formatChinese(q.priceMax(), p.currency()) + "的预算低"
          + Money.formatChinese(q.priceMax() - p.price(), p.currency());
      case BRAND_FIT -> constraintLabelZh(q.brand(), p, p.brand());
      case CATEGORY_FIT -> constraintLabelZh(q.category(), p, p.category());
      case ATTRIBUTE_FIT -> constraintLabelZh(q.attribute(), p, null);
      case RATING -> p.reviewCount() == 0 ? "暂无评价"
          : String.format(Locale.ROOT, "评分%.1f（%d条评价）", p.rating(), p.reviewCount());
      case REVIEW_COUNT -> p.reviewCount() + "条评价";
      case IN_STOCK -> natural > 0 ? "有货" : "缺货";
      case KEYWORD_RANK -> "关键词匹配名列前茅";
      case MEANING_RANK -> "按意思匹配名列前茅";
      case TITLE_ALL_TERMS -> "标题含有您的全部搜索词";
      case QUERY_COVERAGE -> String.format(Locale.ROOT, "提到您%.0f%%的搜索词", 100 * natural);
      case TITLE_PHRASE -> "标题含有您输入的完整短语“" + q.text().trim() + "”";
      case TITLE_SEMANTIC -> String.format(Locale.ROOT, "标题与您的需求意思相近（相似度%.2f）", natural);
      case TITLE_EXACT -> String.format(Locale.ROOT, "标题含有您%.0f%%的原词", 100 * natural);
      case PEER_SIMILARITY -> String.format(Locale.ROOT, natural >= Feature.TYPICAL_PEER_SIMILARITY
          ? "与其他靠前的结果很像（相似度%.2f）" : "与其他靠前的结果不太像（相似度%.2f）", natural);
      case DESCRIPTION_COVERAGE -> String.format(Locale.ROOT, "描述含有您%.0f%%的搜索词", 100 * natural);
      case PROFILE_BRAND, PROFILE_CATEGORY, PROFILE_ATTRIBUTE, PROFILE_PRICE -> "根据您之前告诉我的";
    };
  }

  /** "标题匹配“耳机”、“无线”": the same matched words as {@link #matched}, quoted the Chinese way. */
  private static String matchedZh(String prefix, RankingQuery q, Candidate c, String... fields) {
    Set<String> terms = surfaces(q, c, fields);
    if (terms.isEmpty()) return prefix + "您的搜索";
    List<String> quoted = new ArrayList<>();
    for (String t : terms) quoted.add("“" + t + "”");
    return prefix + String.join("、", quoted);
  }

  private static String priceLabelZh(boolean fits, RankingQuery q, Product p) {
    double max = q.priceMax();
    double min = q.priceMin();
    String cur = p.currency();
    if (!Double.isNaN(max) && !Double.isNaN(min)) {
      return (fits ? "在" : "不在") + "您" + Money.formatChinese(min, cur) + "到" + Money.formatChinese(max, cur) + "的价格范围内";
    }
    if (!Double.isNaN(max)) return fits ? "在您" + Money.formatChinese(max, cur) + "的预算以内" : "超出您" + Money.formatChinese(max, cur) + "的预算";
    return fits ? "高于您" + Money.formatChinese(min, cur) + "的最低价" : "低于您" + Money.formatChinese(min, cur) + "的最低价";
  }

  /** "Nike，符合您的要求", "不是Nike，符合您的要求", "您要的是Nike", "您排除了Nike". */
  private static String constraintLabelZh(List<Constraint> constraints, Product p, String own) {
    List<String> held = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Constraint c : constraints) {
      boolean negative = c.kind() == Kind.NOT_BRAND || c.kind() == Kind.NOT_CATEGORY || c.kind() == Kind.NOT_ATTRIBUTE;
      boolean attribute = c.kind() == Kind.ATTRIBUTE || c.kind() == Kind.NOT_ATTRIBUTE;
      String what = attribute && !c.field().isEmpty() ? AttributeNames.inWords(c.field()) + "：" + c.value() : c.value();
      if (c.test(p)) held.add(negative ? "不是" + what : own != null && !own.isBlank() ? own : what);
      else failed.add((negative ? "您排除了" : "您要的是") + what);
    }
    if (failed.isEmpty()) return String.join("、", distinct(held)) + "，符合您的要求";
    if (held.isEmpty()) return String.join("；", distinct(failed));
    return String.join("、", distinct(held)) + "符合您的要求；" + String.join("；", distinct(failed));
  }

  /** The matched analyzed terms of {@code fields} as the words the shopper typed, sorted, each once. */
  private static Set<String> surfaces(RankingQuery q, Candidate c, String... fields) {
    Set<String> terms = new TreeSet<>();
    for (String field : fields) {
      for (String term : c.matchedTerms().getOrDefault(field, Set.of())) terms.addAll(q.surfaceOf(term));
    }
    return terms;
  }

  /**
   * "title matches 'hiking', 'waterproof'": the matched analyzed terms shown as the words the
   * shopper typed (see {@link RankingQuery#surfaceOf}), sorted, each once.
   */
  private static String matched(String prefix, RankingQuery q, Candidate c, String... fields) {
    Set<String> terms = surfaces(q, c, fields);
    if (terms.isEmpty()) return prefix + " your search";
    List<String> quoted = new ArrayList<>();
    for (String t : terms) quoted.add("'" + t + "'");
    return prefix + " " + String.join(", ", quoted);
  }

  private static String priceLabel(boolean fits, RankingQuery q, Product p) {
    double max = q.priceMax();
    double min = q.priceMin();
    if (!Double.isNaN(max) && !Double.isNaN(min)) {
      return (fits ? "within" : "outside") + " your " + Money.format(min, p.currency()) + "–"
          + Money.format(max, p.currency()) + " range";
    }
    if (!Double.isNaN(max)) return (fits ? "under" : "over") + " your " + Money.format(max, p.currency()) + " budget";
    return (fits ? "over" : "under") + " your " + Money.format(min, p.currency()) + " minimum";
  }

  /** "Nike, as you asked", "not Nike, as you asked", "you asked for Nike", "you ruled out Nike". */
  private static String constraintLabel(List<Constraint> constraints, Product p, String own) {
    List<String> held = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Constraint c : constraints) {
      boolean negative = c.kind() == Kind.NOT_BRAND || c.kind() == Kind.NOT_CATEGORY
          || c.kind() == Kind.NOT_ATTRIBUTE;
      boolean attribute = c.kind() == Kind.ATTRIBUTE || c.kind() == Kind.NOT_ATTRIBUTE;
      String what = attribute && !c.field().isEmpty() ? AttributeNames.inWords(c.field()) + ": " + c.value() : c.value();
      if (c.test(p)) held.add(negative ? "not " + what : own != null && !own.isBlank() ? own : what);
      else failed.add((negative ? "you ruled out " : "you asked for ") + what);
    }
    if (failed.isEmpty()) return String.join(", ", distinct(held)) + ", as you asked";
    if (held.isEmpty()) return String.join("; ", distinct(failed));
    return String.join(", ", distinct(held)) + " as you asked; " + String.join("; ", distinct(failed));
  }

  private static List<String> distinct(List<String> xs) {
    return xs.stream().distinct().toList();
  }

}
