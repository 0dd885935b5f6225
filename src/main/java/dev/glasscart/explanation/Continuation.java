package dev.glasscart.explanation;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the built-in explainer adds when it takes over from a model mid-answer: its sentences not
 * already said, after a sentence boundary (a cut-off sentence is marked with "..."), never the
 * opening line. With nothing said yet it is the whole built-in answer. Pure; thread-safe.
 */
final class Continuation {
  private Continuation() {}

  static String after(String said, List<Claim> claims) {
    if (said.isBlank()) return Claim.render(claims);
    String norm = normalise(said);
    String end = said.stripTrailing();
    boolean atBoundary = end.endsWith(".") || end.endsWith("!") || end.endsWith("?");
    boolean spaced = Character.isWhitespace(said.charAt(said.length() - 1));
    StringBuilder out = new StringBuilder(atBoundary ? (spaced ? "" : " ") : "...");
    // a sentence is skipped as often as it was already said (the same words may fit several products)
    Map<String, Integer> skipped = new HashMap<>();
    for (Claim c : claims) {
      boolean opening = c.basis().size() == 1 && c.basis().getFirst().name().equals("shown");
      if (opening) continue;
      String sentence = normalise(c.sentence());
      int times = skipped.getOrDefault(sentence, 0);
      if (occurrences(norm, sentence) > times) {
        skipped.put(sentence, times + 1);
        continue;
      }
      if (!out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))) out.append(' ');
      out.append(c.sentence());
    }
    return out.toString().isBlank() ? "" : out.toString();
  }

  private static int occurrences(String text, String sentence) {
    int n = 0;
    for (int i = text.indexOf(sentence); i >= 0; i = text.indexOf(sentence, i + sentence.length())) n++;
    return n;
  }

  private static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("[.!?]\\s*$", "").strip();
  }
}
