package dev.glasscart.catalog;

import java.util.Map;
import java.util.Set;

/**
 * English nouns to their singular ("boots" to "boot", "accessories" to "accessory", "women" to
 * "woman"): the one rule the vocabulary, the dialogue acts and the product graph's complement
 * rules match words by. About the language, not a catalog. Stateless and thread-safe.
 */
public final class Nouns {
  private static final Map<String, String> IRREGULAR = Map.of(
      "women", "woman", "men", "man", "children", "child", "feet", "foot", "teeth", "tooth",
      "mice", "mouse", "people", "person", "knives", "knife", "wives", "wife", "leaves", "leaf");
  private static final Set<String> KEEP_S = Set.of(
      "news", "series", "species", "plus", "this", "its", "his", "was", "has", "does", "always", "less",
      "perhaps", "yes", "thanks", "tennis", "lens", "chaos", "canvas", "atlas", "bonus", "cactus");

  private Nouns() {}

  /** The singular of lower-case word {@code w}; a word that is not an English plural stays. */
  public static String singular(String w) {
    String irregular = IRREGULAR.get(w);
    if (irregular != null) return irregular;
    if (w.length() <= 3 || KEEP_S.contains(w) || !w.endsWith("s") || Character.isDigit(w.charAt(0))) return w;
    if (w.equals("womens")) return "woman";
    if (w.equals("mens")) return "man";
    if (w.endsWith("ies") && w.length() > 4) return w.substring(0, w.length() - 3) + "y";
    if (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("zzes")) {
      return w.substring(0, w.length() - 2);
    }
    if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) return w;
    return w.substring(0, w.length() - 1);
  }
}
