package dev.glasscart.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code textIncludes} / {@code textExcludes}: phrases that must (or must not) occur in the
 * explanation, the concatenated {@code token} texts; {@code textIncludesAny}: at least one of the
 * phrases occurs in it; {@code noteIncludes}: phrases that must occur in the {@code results} note
 * (e.g. how constraints were relaxed). Case-insensitive (root locale), plain substring match.
 *
 * @param key {@code textIncludes}, {@code textIncludesAny}, {@code textExcludes} or {@code noteIncludes}
 * @param phrases one or more non-empty phrases
 */
public record TextMatch(String key, List<String> phrases) implements Expectation {
  static final List<String> KEYS = List.of("textIncludes", "textIncludesAny", "textExcludes", "noteIncludes");

  public TextMatch {
    if (!KEYS.contains(key)) {
      throw new IllegalArgumentException("illegal text key: " + key + ", must be one of " + KEYS);
    }
    phrases = List.copyOf(phrases);
    if (phrases.isEmpty() || phrases.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("illegal " + key + ": " + phrases + ", must hold at least one non-empty phrase");
    }
  }

  @Override
  public List<String> check(TurnEvents turn) {
    boolean note = key.equals("noteIncludes");
    String text = note ? turn.note() : turn.text();
    String lower = text.toLowerCase(Locale.ROOT);
    if (key.equals("textIncludesAny")) {
      if (phrases.stream().anyMatch(p -> lower.contains(p.toLowerCase(Locale.ROOT)))) return List.of();
      return List.of("text lacks all of " + phrases.stream().map(p -> "\"" + p + "\"").toList() + ": \"" + abbreviate(text) + "\"");
    }
    boolean include = !key.equals("textExcludes");
    List<String> reasons = new ArrayList<>();
    for (String p : phrases) {
      if (lower.contains(p.toLowerCase(Locale.ROOT)) != include) {
        reasons.add((note ? "note " : "text ") + (include ? "lacks " : "contains ") + "\"" + p + "\": \"" + abbreviate(text) + "\"");
      }
    }
    return reasons;
  }

  static String abbreviate(String s) {
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }
}
