package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.conversation.CatalogVocabulary.TermKind;
import dev.glasscart.conversation.DialogueState.ShownProduct;
import dev.glasscart.query.Intent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves references to products ("the second one", "the first two", "number 3", "that one",
 * "these", "the Samsung") against the products shown last turn. For WHY_NOT a brand that was
 * not shown resolves to that brand's best-rated product in the current topic's categories (the
 * product the shopper is asking about). Stateless and thread-safe.
 */
final class References {
  private static final Map<String, Integer> ORDINALS = Map.ofEntries(
      Map.entry("first", 1), Map.entry("1st", 1), Map.entry("second", 2), Map.entry("2nd", 2),
      Map.entry("third", 3), Map.entry("3rd", 3), Map.entry("fourth", 4), Map.entry("4th", 4),
      Map.entry("fifth", 5), Map.entry("5th", 5), Map.entry("sixth", 6), Map.entry("6th", 6),
      Map.entry("seventh", 7), Map.entry("7th", 7), Map.entry("eighth", 8), Map.entry("8th", 8),
      Map.entry("ninth", 9), Map.entry("9th", 9), Map.entry("tenth", 10), Map.entry("10th", 10));
  private static final Map<String, Integer> COUNTS = Map.of("two", 2, "three", 3, "four", 4, "five", 5, "both", 2);
  private static final Pattern FIRST_N = Pattern.compile("\\b(?:first|top)\\s+(two|three|four|five|\\d+)\\b");
  private static final Pattern LAST = Pattern.compile("\\blast(?:\\s+one)?\\b");
  private static final Pattern ORDINAL = Pattern.compile("\\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d{1,2}(?:st|nd|rd|th))\\b");
  private static final Pattern NUMBERED = Pattern.compile("(?:\\b(?:number|no\\.?|item|option|result|product)\\s*|#\\s*)(\\d{1,2})\\b");
  private static final Pattern BARE_NUMBER = Pattern.compile("\\b(\\d{1,2})\\b");
  private static final Pattern ALL = Pattern.compile("\\b(these|those|them|they|all of them|all)\\b|它们|这些|那些|这几[个款台]");
  private static final Pattern BOTH = Pattern.compile("\\bboth\\b|\\b(?:the|these|those) two\\b|这两|那两|两者|两个都");
  /** "the Samsung ones": every shown product of the brand, not just the first. */
  private static final Pattern PLURAL = Pattern.compile("\\bones\\b|\\bthem\\b|\\bboth\\b");
  private static final Pattern THAN_DEICTIC = Pattern.compile("\\bthan (?:this|that|it)\\b");
  private static final Pattern DEICTIC = Pattern.compile("\\b(this|that|it)\\b|它(?!们)|这个|那个|这款|那款|这台|那台");
  /** Chinese positions: 第二个, 第3款, 前两个, 最后一个. */
  private static final Pattern ZH_ORDINAL = Pattern.compile("第\\s*([一二三四五六七八九十]|\\d{1,2})\\s*[个款台件双部只条]?");
  private static final Pattern ZH_FIRST_N = Pattern.compile("前\\s*([两二三四五]|\\d)\\s*[个款台件双部只条]?");
  private static final Pattern ZH_LAST = Pattern.compile("最后一[个款台件双部只条]");
  private static final String ZH_DIGITS = "一二三四五六七八九十";

  private final CatalogVocabulary vocabulary;
  private final Catalog catalog;
  private final TitleWords titles;

  References(CatalogVocabulary vocabulary, Catalog catalog, TitleWords titles) {
    this.vocabulary = vocabulary;
    this.catalog = catalog;
    this.titles = titles;
  }

  /**
   * The shown products a relative price move is measured against: "cheaper than the second one",
   * "cheaper than that one"; empty (meaning all shown products) when none is named. {@code folded}
   * is the message already {@link Words#fold folded}.
   */
  List<String> anchors(String folded, DialogueState state) {
    String s = folded;
    List<String> ids = positional(s, Intent.SEARCH, state.shown());
    if (ids.isEmpty() && THAN_DEICTIC.matcher(s).find()) {
      if (!state.lastReferenced().isEmpty()) ids.add(state.lastReferenced().get(0));
      else if (!state.shown().isEmpty()) ids.add(state.shown().get(0).id());
    }
    return List.copyOf(ids);
  }

  /** The products {@code folded} (a message already {@link Words#fold folded}) refers to. */
  List<String> resolve(String folded, Intent intent, DialogueState state) {
    return resolve(folded, intent, state, CatalogMeanings.NONE);
  }

  /** As {@link #resolve(String, Intent, DialogueState)}, brands written in Chinese known by {@code meanings}. */
  List<String> resolve(String folded, Intent intent, DialogueState state, CatalogMeanings meanings) {
    String s = folded;
    List<ShownProduct> shown = state.shown();
    List<String> ids = positional(s, intent, shown);
    ids.addAll(brandReferences(s, intent, state, meanings));
    if (ids.isEmpty()) ids.addAll(nameReferences(s, intent, state));
    if (ids.isEmpty() && BOTH.matcher(s).find()) {
      // "the two" after a turn that named two: those two; else the first two shown
      if (state.lastReferenced().size() == 2) ids.addAll(state.lastReferenced());
      else shown.stream().limit(2).forEach(p -> ids.add(p.id()));
    }
    if (ids.isEmpty() && ALL.matcher(s).find()) shown.forEach(p -> ids.add(p.id()));
    if (ids.isEmpty() && DEICTIC.matcher(s).find() || ids.isEmpty() && intent == Intent.WHY) {
      if (!state.lastReferenced().isEmpty()) ids.addAll(state.lastReferenced().subList(0, 1));
      else if (!shown.isEmpty()) ids.add(shown.get(0).id());
    }
    return List.copyOf(new LinkedHashSet<>(ids));
  }

  /** Products named by position: "the first two", "number 3", "the second", "the last one". */
  private static List<String> positional(String s, Intent intent, List<ShownProduct> shown) {
    Set<Integer> idx = new LinkedHashSet<>();
    Matcher m = FIRST_N.matcher(s);
    while (m.find()) {
      String n = m.group(1);
      int k = COUNTS.containsKey(n) ? COUNTS.get(n) : Integer.parseInt(n);
      for (int i = 0; i < k; i++) idx.add(i);
    }
    s = FIRST_N.matcher(s).replaceAll(" ");
    m = NUMBERED.matcher(s);
    while (m.find()) idx.add(Integer.parseInt(m.group(1)) - 1);
    s = NUMBERED.matcher(s).replaceAll(" ");
    m = ORDINAL.matcher(s);
    while (m.find()) {
      Integer o = ORDINALS.get(m.group(1));
      idx.add(o != null ? o - 1 : Integer.parseInt(m.group(1).replaceAll("\\D", "")) - 1);
    }
    if (LAST.matcher(s).find() && !shown.isEmpty()) idx.add(shown.size() - 1);
    m = ZH_FIRST_N.matcher(s);
    while (m.find()) for (int i = 0; i < zhNumber(m.group(1)); i++) idx.add(i);
    m = ZH_ORDINAL.matcher(ZH_FIRST_N.matcher(s).replaceAll(" "));
    while (m.find()) idx.add(zhNumber(m.group(1)) - 1);
    if (ZH_LAST.matcher(s).find() && !shown.isEmpty()) idx.add(shown.size() - 1);
    if (intent == Intent.COMPARE) {
      m = BARE_NUMBER.matcher(s);
      while (m.find()) idx.add(Integer.parseInt(m.group(1)) - 1);
    }
    List<String> ids = new ArrayList<>();
    for (int i : idx) if (i >= 0 && i < shown.size()) ids.add(shown.get(i).id());
    return ids;
  }

  private static int zhNumber(String n) {
    if (n.equals("两")) return 2;
    int i = ZH_DIGITS.indexOf(n);
    return i >= 0 ? i + 1 : Integer.parseInt(n);
  }

  private List<String> brandReferences(String s, Intent intent, DialogueState state, CatalogMeanings meanings) {
    List<String> ids = new ArrayList<>();
    List<Words.Token> tokens = Words.foldedTokens(s);
    List<String> norms = tokens.stream().map(Words.Token::norm).toList();
    List<CatalogVocabulary.Match> matches = meanings.extend(tokens, vocabulary.find(norms), Understander.contentWords(tokens), false);
    for (CatalogVocabulary.Match match : matches) {
      if (match.term().kind() != TermKind.BRAND) continue;
      String brand = match.term().value();
      List<ShownProduct> hits = state.shown().stream().filter(p -> p.brand().equalsIgnoreCase(brand)).toList();
      if (!hits.isEmpty()) {
        boolean all = intent == Intent.COMPARE || PLURAL.matcher(s).find();
        for (ShownProduct p : all ? hits : hits.subList(0, 1)) ids.add(p.id());
      } else if (intent == Intent.WHY_NOT) {
        bestOfBrand(brand, state).ifPresent(p -> ids.add(p.id()));
      }
    }
    return ids;
  }

  /**
   * Products named by a word of their title ("the HomePod", "the sofa"): among the shown products
   * the one whose title alone has the word; for WHY_NOT, when none shown has it, the catalog
   * product of the current topic whose title has it (best rated first).
   */
  private List<String> nameReferences(String s, Intent intent, DialogueState state) {
    List<String> ids = new ArrayList<>();
    for (Words.Token tok : Words.foldedTokens(s)) {
      String w = tok.norm();
      if (tok.isBreak() || w.length() < 3 || NOT_NAMES.contains(w) || !titles.known(w)) continue;
      List<ShownProduct> hits = state.shown().stream().filter(p -> titles.words(p.id()).contains(w)).toList();
      if (hits.size() == 1) {
        ids.add(hits.get(0).id());
      } else if (hits.isEmpty() && intent == Intent.WHY_NOT) {
        Set<String> topic = state.topicCategories();
        catalog.products().stream().filter(p -> titles.words(p.id()).contains(w))
            .max(Comparator.comparing((Product p) -> topic.contains(p.category())).thenComparingDouble(Product::rating))
            .ifPresent(p -> ids.add(p.id()));
      }
    }
    return ids;
  }

  /** Words that appear in titles but name no product when a shopper says them. */
  private static final Set<String> NOT_NAMES = Set.copyOf(List.of(
      "the", "one", "ones", "and", "for", "with", "not", "why", "what", "which", "how", "this", "that", "these", "those",
      "new", "set", "pack", "man", "woman", "kid", "pro", "max", "plus", "mini", "edition",
      "first", "second", "third", "last", "other", "about", "more", "less", "you", "your", "any", "all", "have", "has", "did"));

  private Optional<Product> bestOfBrand(String brand, DialogueState state) {
    Set<String> topic = state.topicCategories();
    Comparator<Product> best = Comparator.comparing((Product p) -> topic.contains(p.category()))
        .thenComparingDouble(Product::rating).thenComparingInt(Product::reviewCount);
    return catalog.products().stream().filter(p -> p.brand().equalsIgnoreCase(brand)).max(best);
  }
}
