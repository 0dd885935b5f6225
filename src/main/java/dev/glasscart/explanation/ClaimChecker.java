package dev.glasscart.explanation;

import dev.glasscart.catalog.Money;
import dev.glasscart.explanation.EvidenceIndex.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the checkable claims in one sentence and tests each against an {@link EvidenceIndex}:
 * amounts and numbers, percentages, names (capitalised words), brand attributions ("X by Y"),
 * attribute values (colours, materials, sizes), stock, shipping/warranty/returns/discount
 * statements, superlatives or comparisons, and the offer, payment, contact, link and store-wide
 * claims of {@link OfferClaims}. A sentence that names shown products is checked
 * against those products only. Stateless apart from the index; thread-safe.
 */
final class ClaimChecker {
  /** What a sentence holds: claims found, claims supported, the first unsupported one (or empty). */
  record Verdict(int claims, int supported, String failure, List<Item> mentioned) {
    boolean ok() {
      return failure.isEmpty();
    }
  }

  private static final Pattern MONEY = Pattern.compile(Money.AMOUNT_PREFIX + "(\\d[\\d,]*(?:\\.\\d+)?)");
  private static final Pattern PERCENT = Pattern.compile("(\\d[\\d,]*(?:\\.\\d+)?) ?(?:%|percent)");
  private static final Pattern PRONOUN = Pattern.compile("\\b(?:it|its|it's|this one|that one)\\b|它|这款|这件");
  private static final Pattern RATING_SCALE = Pattern.compile("(?:out of|/) ?5(?:\\.0)?\\b(?! ?%)");
  private static final Pattern CLAUSES = Pattern.compile(";|,? but |,? while |,? whereas |,? and (?=the |it )|[；，：]");
  /** A capitalised Latin word (a name); it ends where Chinese characters start ("Timberland品牌"). */
  private static final Pattern CAPITALISED = Pattern.compile("\\b[A-Z][\\p{IsLatin}\\p{N}'’&-]*");
  private static final Set<String> ATTRIBUTE_WORDS = Set.of("black", "white", "red", "blue", "green", "yellow",
      "brown", "grey", "gray", "pink", "purple", "orange", "beige", "navy", "tan", "gold", "silver", "leather",
      "suede", "cotton", "wool", "silk", "linen", "polyester", "nylon", "denim", "canvas", "rubber", "plastic",
      "steel", "aluminium", "aluminum", "wooden", "wood", "glass", "ceramic", "waterproof", "wireless", "organic",
      "vegan", "small", "medium", "large", "xl", "xxl");
  /** The same kinds of attribute words as Chinese writes them (two characters or more: one is too ambiguous). */
  private static final List<String> ATTRIBUTE_WORDS_ZH = List.of("黑色", "白色", "红色", "蓝色", "绿色", "黄色", "棕色",
      "咖啡色", "灰色", "粉色", "粉红色", "紫色", "橙色", "米色", "藏青色", "金色", "银色", "真皮", "皮革", "麂皮", "纯棉",
      "羊毛", "丝绸", "亚麻", "涤纶", "尼龙", "牛仔", "帆布", "橡胶", "塑料", "不锈钢", "木质", "实木", "玻璃", "陶瓷",
      "防水", "无线", "有机");
  private static final List<String> NEGATION_ZH = List.of("不符合", "不是", "没有", "不带");
  private static final List<String> TERMS_WORDS_ZH = List.of("包邮", "发货", "配送", "送货", "保修", "质保", "退货", "退款",
      "换货", "折扣", "打折", "优惠券", "促销");
  private static final List<String> TERMS_WORDS = List.of("ship", "shipping", "ships", "shipped", "delivery", "deliver",
      "delivered", "warranty", "guarantee", "guaranteed", "return", "returns", "refund", "discount", "discounted",
      "sale", "coupon", "promo");
  private static final List<String> IN_STOCK = List.of("in stock", "available now", "ready to ship");
  private static final List<String> OUT_OF_STOCK = List.of("out of stock", "sold out", "unavailable", "not in stock",
      "not available", "缺货", "无货", "售罄", "没货");
  private static final List<String> IN_STOCK_ZH = List.of("有货", "现货");

  private final EvidenceIndex index;

  ClaimChecker(EvidenceIndex index) {
    this.index = index;
  }

  /**
   * Checks one sentence. {@code previous} are the products the last sentence naming any named: a
   * sentence that names none but speaks of "it" is about them.
   */
  Verdict check(String sentence, List<Item> previous) {
    String lower = EvidenceIndex.lower(sentence);
    List<Item> mentioned = mentioned(lower);
    Matcher pronoun = PRONOUN.matcher(lower);
    if (!previous.isEmpty() && pronoun.find()) {
      // "it" is the product the previous sentence named, placed where the pronoun stands
      List<Item> withPrevious = new ArrayList<>();
      boolean pronounFirst = mentioned.isEmpty() || pronoun.start() < firstMention(lower, mentioned.getFirst());
      if (pronounFirst) withPrevious.addAll(previous);
      for (Item i : mentioned) if (!withPrevious.contains(i)) withPrevious.add(i);
      if (!pronounFirst) previous.stream().filter(i -> !withPrevious.contains(i)).forEach(withPrevious::add);
      mentioned = withPrevious;
    }
    List<Item> scope = mentioned.isEmpty() ? index.items : mentioned;
    Tally t = new Tally();
    List<int[]> taken = new ArrayList<>();
    OfferClaims.contacts(sentence, scope, taken, t);
    numbers(sentence, scope, taken, t);
    names(sentence, t);
    attribution(lower, t);
    for (String w : EvidenceIndex.words(lower)) {
      if (ATTRIBUTE_WORDS.contains(w)) {
        t.claim(scope.stream().anyMatch(i -> EvidenceIndex.hasPhrase(i.text(), w))
            || (mentioned.isEmpty() && EvidenceIndex.hasPhrase(index.turnText, w)), "attribute '" + w + "'");
      }
      if (TERMS_WORDS.contains(w)) {
        t.claim(scope.stream().anyMatch(i -> EvidenceIndex.hasPhrase(i.text(), w)), "terms '" + w + "'");
      }
    }
    // Chinese has no spaces to find words by: the Chinese attribute and terms words wherever they stand
    // a product's name names it, its words claim nothing ("不是免费的：<title with 红色>售价...")
    String claimed = lower;
    for (Item i : mentioned) claimed = claimed.replace(i.title(), " ");
    for (String w : ATTRIBUTE_WORDS_ZH) {
      int at = claimed.indexOf(w);
      if (at < 0) continue;
      // "X不符合您的要求：棕色", "X不是真皮的": the product has not got it
      String before = claimed.substring(0, at);
      if (NEGATION_ZH.stream().anyMatch(before::contains)) {
        t.claim(!mentioned.isEmpty() && mentioned.stream().noneMatch(i -> i.text().contains(w)), "attribute 'not " + w + "'");
      } else {
        t.claim(scope.stream().anyMatch(i -> i.text().contains(w)) || (mentioned.isEmpty() && index.turnText.contains(w)),
            "attribute '" + w + "'");
      }
    }
    for (String w : TERMS_WORDS_ZH) {
      if (lower.contains(w)) t.claim(scope.stream().anyMatch(i -> i.text().contains(w)), "terms '" + w + "'");
    }
    stock(lower, scope, t);
    String withoutWishes = lower;
    for (String stated : index.statedPhrases) withoutWishes = withoutWishes.replace(stated, " "); // longest first
    superlatives(withoutWishes, mentioned, t);
    OfferClaims.offers(withoutWishes, scope, mentioned, index.items, t);
    return new Verdict(t.claims, t.supported, t.failure, mentioned);
  }

  /** Shown products the sentence names by title, or by a brand only one shown product has. */
  private List<Item> mentioned(String lower) {
    List<Item> out = new ArrayList<>();
    for (Item i : index.items) {
      if (EvidenceIndex.hasPhrase(lower, i.title()) || (i.uniqueBrand() && EvidenceIndex.hasPhrase(lower, i.brand()))) {
        out.add(i);
      }
    }
    out.sort(Comparator.comparingInt(i -> firstMention(lower, i)));
    return out;
  }

  private static int firstMention(String lower, Item i) {
    int t = lower.indexOf(i.title());
    int b = i.product().brand().isBlank() ? -1 : lower.indexOf(i.brand());
    return t < 0 ? b : b < 0 ? t : Math.min(t, b);
  }

  /** Amounts, percentages and other numbers outside {@code taken} (spans already checked as something else). */
  private void numbers(String sentence, List<Item> scope, List<int[]> taken, Tally t) {
    Matcher scale = RATING_SCALE.matcher(sentence);
    while (scale.find()) taken.add(new int[] {scale.start(), scale.end()}); // "out of 5" is the scale, not a fact
    Matcher m = MONEY.matcher(sentence);
    while (m.find()) {
      double v = EvidenceIndex.parse(m.group(1));
      t.claim(scope.stream().anyMatch(i -> EvidenceIndex.matches(v, List.of(i.product().price())))
          || EvidenceIndex.matches(v, index.constraintNumbers), "amount " + m.group());
      taken.add(new int[] {m.start(), m.end()});
    }
    m = PERCENT.matcher(sentence);
    while (m.find()) {
      String said = EvidenceIndex.lower(m.group());
      t.claim(scope.stream().anyMatch(i -> i.text().contains(said)), "percentage " + m.group());
      taken.add(new int[] {m.start(), m.end()});
    }
    m = EvidenceIndex.NUMBER.matcher(sentence);
    while (m.find()) {
      int at = m.start();
      if (taken.stream().anyMatch(r -> at >= r[0] && at < r[1])) continue;
      double v = EvidenceIndex.parse(m.group());
      t.claim(scope.stream().anyMatch(i -> EvidenceIndex.matches(v, i.numbers()))
          || EvidenceIndex.matches(v, index.constraintNumbers) || (v >= 1 && v <= index.shownItems.size() && v == Math.rint(v)),
          "number " + m.group());
    }
  }

  /** Capitalised words must come from the evidence; a sentence's first word only with a second one. */
  private void names(String sentence, Tally t) {
    Matcher m = CAPITALISED.matcher(sentence);
    while (m.find()) {
      String word = m.group().replaceAll("['’]s$", "");
      boolean first = sentence.substring(0, m.start()).isBlank();
      if (first && !(m.end() < sentence.length() - 1 && sentence.charAt(m.end()) == ' '
          && Character.isUpperCase(sentence.charAt(m.end() + 1)))) {
        continue;
      }
      if (CommonWords.contains(word)) continue;
      List<String> parts = EvidenceIndex.words(word);
      t.claim(!parts.isEmpty() && index.vocabulary.containsAll(parts), "name '" + word + "'");
    }
  }

  /** "Trail Boot by Salomon": the word after a title's "by"/"from" must be that product's brand (in Chinese too). */
  private void attribution(String lower, Tally t) {
    for (Item i : index.items) {
      Matcher zh = i.chineseAttribution().matcher(lower);
      while (zh.find()) {
        List<String> said = EvidenceIndex.words(zh.group(1));
        t.claim(!said.isEmpty() && i.brandWords().containsAll(said), "brand of " + i.product().title());
      }
      Matcher m = i.attribution().matcher(lower);
      while (m.find()) {
        t.claim(i.brandWords().contains(m.group(1)), "brand of " + i.product().title());
      }
    }
  }

  /** Stock phrases are checked per clause, against the products that clause names. */
  private void stock(String lower, List<Item> scope, Tally t) {
    for (String clause : CLAUSES.split(lower)) {
      List<Item> named = mentioned(clause);
      List<Item> about = named.isEmpty() ? scope : named;
      boolean out = OUT_OF_STOCK.stream().anyMatch(p -> EvidenceIndex.hasPhrase(clause, p));
      boolean in = !out && (IN_STOCK.stream().anyMatch(p -> EvidenceIndex.hasPhrase(clause, p))
          || IN_STOCK_ZH.stream().anyMatch(clause::contains));
      if (out) t.claim(about.stream().allMatch(i -> !i.product().inStock()), "out of stock");
      if (in) t.claim(about.stream().allMatch(i -> i.product().inStock()), "in stock");
    }
  }

  private void superlatives(String lower, List<Item> mentioned, Tally t) {
    superlative(lower, mentioned, t, List.of("cheapest", "least expensive", "lowest price", "most affordable"),
        i -> -i.product().price());
    superlative(lower, mentioned, t, List.of("most expensive", "priciest", "highest price"), i -> i.product().price());
    superlative(lower, mentioned, t, List.of("best rated", "best-rated", "highest rated", "highest-rated", "top rated",
        "top-rated", "highest rating"), i -> i.product().rating());
    superlative(lower, mentioned, t, List.of("most reviewed", "most reviews", "most popular"),
        i -> i.product().reviewCount());
    comparative(lower, mentioned, t, List.of("cheaper than", "less expensive than", "more affordable than"),
        i -> -i.product().price());
    comparative(lower, mentioned, t, List.of("more expensive than", "pricier than"), i -> i.product().price());
    comparative(lower, mentioned, t, List.of("better rated than", "higher rated than", "rated higher than"),
        i -> i.product().rating());
    superlative(lower, mentioned, t, List.of("最便宜", "价格最低", "最实惠"), i -> -i.product().price());
    superlative(lower, mentioned, t, List.of("最贵", "价格最高"), i -> i.product().price());
    superlative(lower, mentioned, t, List.of("评分最高", "评价最好"), i -> i.product().rating());
    superlative(lower, mentioned, t, List.of("评价最多", "最受欢迎"), i -> i.product().reviewCount());
    chineseComparative(lower, mentioned, t, List.of("便宜", "实惠"), List.of("更便宜", "更实惠"), i -> -i.product().price());
    chineseComparative(lower, mentioned, t, List.of("贵"), List.of("更贵"), i -> i.product().price());
    chineseComparative(lower, mentioned, t, List.of("评分高", "评分更高"), List.of("评分更高", "评分也更高"), i -> i.product().rating());
    chineseComparative(lower, mentioned, t, List.of("评价多", "评价更多"), List.of("评价更多", "评价也更多"), i -> i.product().reviewCount());
  }

  /**
   * A Chinese comparison: "A比B便宜" (the first named beats the second), or "A更便宜，B评分更高" (the
   * product named in the phrase's clause, or else the last one named before it, is at least as good
   * as every other product the sentence names; as every shown product when it names no other).
   * {@code words}: the comparison's words after 比 ("便宜"); {@code more}: its 更 forms ("更便宜").
   */
  private void chineseComparative(String lower, List<Item> mentioned, Tally t, List<String> words, List<String> moreWords,
      ToDoubleFunction<Item> key) {
    Item last = mentioned.isEmpty() ? null : mentioned.getFirst();
    for (String clause : CLAUSES.split(lower)) {
      List<Item> inClause = mentioned(clause);
      boolean than = clause.contains("比") && words.stream().anyMatch(clause::contains);
      boolean more = moreWords.stream().anyMatch(clause::contains);
      if (!than && !more) {
        if (!inClause.isEmpty()) last = inClause.getLast();
        continue;
      }
      List<Item> named = inClause;
      if (than && named.size() >= 2) {
        t.claim(key.applyAsDouble(named.get(0)) > key.applyAsDouble(named.get(1)), "comparison " + words.getFirst());
      } else {
        Item subject = named.isEmpty() ? last : named.getFirst();
        List<Item> others = mentioned.size() >= 2 ? mentioned : index.shownItems;
        t.claim(subject != null && others.size() >= 2
            && others.stream().allMatch(o -> key.applyAsDouble(subject) >= key.applyAsDouble(o) - 1e-9), "comparison " + words.getFirst());
      }
      if (!named.isEmpty()) last = named.getLast();
    }
  }

  /** The first product named must hold the extreme among everything shown. */
  private void superlative(String lower, List<Item> mentioned, Tally t, List<String> phrases, ToDoubleFunction<Item> key) {
    if (phrases.stream().noneMatch(p -> EvidenceIndex.hasPhrase(lower, p))) return;
    double best = index.shownItems.stream().mapToDouble(key).max().orElse(Double.NaN);
    t.claim(!mentioned.isEmpty() && key.applyAsDouble(mentioned.getFirst()) >= best - 1e-9, "superlative " + phrases.getFirst());
  }

  /** The product named first must beat the one named second. */
  private void comparative(String lower, List<Item> mentioned, Tally t, List<String> phrases, ToDoubleFunction<Item> key) {
    if (phrases.stream().noneMatch(p -> EvidenceIndex.hasPhrase(lower, p))) return;
    t.claim(mentioned.size() >= 2 && key.applyAsDouble(mentioned.get(0)) > key.applyAsDouble(mentioned.get(1)),
        "comparison " + phrases.getFirst());
  }

  /** Counts claims and keeps the first unsupported one; one per checked sentence. */
  static final class Tally {
    int claims;
    int supported;
    String failure = "";

    void claim(boolean ok, String what) {
      claims++;
      if (ok) supported++;
      else if (failure.isEmpty()) failure = "unsupported " + what;
    }
  }
}
