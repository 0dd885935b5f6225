package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words of every product title ({@link Words} normal forms), learned from the catalog: which
 * products a word names ("the HomePod", "the sofa") and which a refinement word narrows to ("in
 * blue", "gold ones": a word some but not all of the current topic's titles use). A word of four
 * letters or more also matches title words it begins ("gold" in "Golden Shoes"). Immutable and
 * thread-safe once built; built in time linear in the catalog.
 */
final class TitleWords {
  static final int MIN_PREFIX = 4;

  private final Map<String, Set<String>> idsByWord = new HashMap<>();
  private final Map<String, List<String>> wordsById = new HashMap<>();

  TitleWords(Catalog catalog) {
    Map<String, List<String>> wordsOfTitle = new HashMap<>(); // variants share titles: each read once
    for (Product p : catalog.products()) {
      List<String> words = wordsOfTitle.computeIfAbsent(p.title(), t -> List.copyOf(Words.keys(t)));
      wordsById.put(p.id(), words);
      for (String w : words) idsByWord.computeIfAbsent(w, k -> new LinkedHashSet<>()).add(p.id());
    }
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

  /** How many of {@code productIds} mention {@code word} in their titles. */
  int count(Collection<String> productIds, String word) {
    int n = 0;
    for (String id : productIds) if (mentions(id, word)) n++;
    return n;
  }

  /** Whether any title of the catalog uses {@code word} exactly. */
  boolean known(String word) {
    return idsByWord.containsKey(word);
  }
}
