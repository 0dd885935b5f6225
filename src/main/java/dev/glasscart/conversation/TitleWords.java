package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words of every product title ({@link Words} normal forms), learned from the catalog: which
 * products a word names ("the HomePod", "the sofa") and which a refinement word narrows to ("in
 * blue", "gold ones": a word some but not all of the current topic's titles use). A word of four
 * letters or more also matches title words it begins ("gold" in "Golden Shoes"). Immutable and
 * thread-safe once built; built in time linear in the catalog.
 */
final class TitleWords {
  static final int MIN_PREFIX = 4;

  /** How many topic counts {@link #inTopic} remembers before it starts afresh. */
  static final int TOPIC_MEMO = 50_000;

  private final Map<String, Set<String>> idsByWord = new HashMap<>();
  private final Map<String, List<String>> wordsById = new HashMap<>();
  private final Map<String, List<Product>> byCategory = new HashMap<>();
  /** (categories, word) to the count among their products: a pure function of this immutable index. */
  private final Map<TopicWord, Integer> topicCounts = new ConcurrentHashMap<>();

  TitleWords(Catalog catalog) {
    Map<String, List<String>> wordsOfTitle = new HashMap<>(); // variants share titles: each read once
    for (Product p : catalog.products()) {
      List<String> words = wordsOfTitle.computeIfAbsent(p.title(), t -> List.copyOf(Words.keys(t)));
      wordsById.put(p.id(), words);
      for (String w : words) idsByWord.computeIfAbsent(w, k -> new LinkedHashSet<>()).add(p.id());
      byCategory.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p);
    }
  }

  private record TopicWord(Set<String> categories, String word, boolean cjk) {}

  /** How many products the categories hold together. */
  int topicSize(Set<String> categories) {
    int n = 0;
    for (String c : categories) n += byCategory.getOrDefault(c, List.of()).size();
    return n;
  }

  /**
   * How many products of {@code categories} have {@code word} in their titles: as a title word or
   * the start of one ({@link #mentions}), or for a Chinese word anywhere in the title ({@link
   * Constraint#titleHasCjk}). Remembered per (categories, word), as the index never changes: a
   * refinement asks it for every word of every message, and the count is over a whole topic.
   */
  int inTopic(Set<String> categories, String word, boolean cjk) {
    TopicWord key = new TopicWord(Set.copyOf(categories), word, cjk);
    Integer known = topicCounts.get(key);
    if (known != null) return known;
    int n = 0;
    for (String c : key.categories()) {
      for (Product p : byCategory.getOrDefault(c, List.of())) {
        if (cjk ? Constraint.titleHasCjk(p.title(), word) : mentions(p.id(), word)) n++;
      }
    }
    if (topicCounts.size() >= TOPIC_MEMO) topicCounts.clear();
    topicCounts.put(key, n);
    return n;
  }

  /** The normalized words of the product's title (empty for an unknown id). */
  List<String> words(String productId) {
    return wordsById.getOrDefault(productId, List.of());
  }

  /** Whether {@code word} (normalized) is a word of the product's title, or begins one. */
  boolean mentions(String productId, String word) {
    for (String w : words(productId)) {
      if (w.equals(word) || (word.length() >= MIN_PREFIX && w.startsWith(word))) return true;
    }
    return false;
  }

  /** Whether any title of the catalog uses {@code word} exactly. */
  boolean known(String word) {
    return idsByWord.containsKey(word);
  }
}
