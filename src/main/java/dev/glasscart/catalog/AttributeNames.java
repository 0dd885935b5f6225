package dev.glasscart.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Attribute keys as shoppers read them, in one place: every label, note and sentence that names an
 * attribute key goes through {@link #inWords}, so {@code primary_color}, {@code primaryColour} and
 * {@code colour} all read "colour", {@code material_type} reads "material type", {@code
 * reviewCount} "review count".
 *
 * <p>The rule, about English, not about a catalog: split snake case, kebab case, dots and camel
 * case into lower-case words; drop a leading "primary" or "main" when words follow (the key names
 * the product's colour, not a colour scheme); spell "color" "colour", as the vocabulary does (it
 * answers to both spellings). Keys are never changed in data (wire fields, facts, filters), only
 * in text. Stateless and thread-safe.
 */
public final class AttributeNames {
  private static final Pattern CAMEL = Pattern.compile("(?<=[\\p{Ll}\\p{N}])(?=\\p{Lu})");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s_.\\-]+");
  private static final Set<String> QUALIFIERS = Set.of("primary", "main");

  private AttributeNames() {}

  /** {@code key} in words, e.g. "primary_color" to "colour"; a blank key stays blank. */
  public static String inWords(String key) {
    if (key == null || key.isBlank()) return "";
    List<String> words = new ArrayList<>();
    for (String w : SEPARATORS.split(CAMEL.matcher(key.trim()).replaceAll(" "))) {
      if (w.isEmpty()) continue;
      String lower = w.toLowerCase(Locale.ROOT);
      words.add(lower.equals("color") ? "colour" : lower.equals("colors") ? "colours" : lower);
    }
    if (words.size() > 1 && QUALIFIERS.contains(words.get(0))) words.remove(0);
    return String.join(" ", words);
  }
}
