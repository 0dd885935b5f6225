package dev.glasscart.conversation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalized word forms shared by the vocabulary and the understander: lower case, accents
 * stripped, possessive {@code 's} dropped, {@code &} read as {@code and}, plurals folded to the
 * singular with English suffix rules plus a few irregular nouns. Stateless and thread-safe.
 */
final class Words {
  /** A clause break (comma, full stop, semicolon...) kept in token streams as this marker. */
  static final String BREAK = "|";

  private static final Map<String, String> IRREGULAR = Map.of(
      "women", "woman", "men", "man", "children", "child", "feet", "foot", "teeth", "tooth",
      "mice", "mouse", "people", "person", "knives", "knife", "wives", "wife", "leaves", "leaf");
  private static final Set<String> KEEP_S = Set.of(
      "news", "series", "species", "plus", "this", "its", "his", "was", "has", "does", "always", "less",
      "perhaps", "yes", "thanks", "tennis", "lens", "chaos", "canvas", "atlas", "bonus", "cactus");

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern POSSESSIVE = Pattern.compile("'s\\b");
  private static final Pattern CLAUSE_END = Pattern.compile("[,;.!?:()\\[\\]]+(\\s|$)");
  private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}|.]+");
  private static final Pattern EDGE_DOTS = Pattern.compile("^\\.+|\\.+$");
  private static final Pattern PHRASE_SEPARATORS = Pattern.compile("[-_/>]+");

  private Words() {}

  /** One surface word (lower-cased, as typed) and its normalized key form. */
  record Token(String surface, String norm) {
    boolean isBreak() {
      return BREAK.equals(norm);
    }
  }

  /** Lower case, accents stripped, curly quotes straightened. */
  static String fold(String text) {
    String t = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    return t.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
  }

  /** Tokens of {@code text}, with {@link #BREAK} markers where punctuation ends a clause. */
  static List<Token> tokens(String text) {
    return foldedTokens(fold(text));
  }

  /** {@link #tokens} of text already {@link #fold folded}. */
  static List<Token> foldedTokens(String folded) {
    String t = POSSESSIVE.matcher(folded.replace("&", " and ")).replaceAll("").replace("'", "");
    t = CLAUSE_END.matcher(t).replaceAll(" | ");
    List<Token> out = new ArrayList<>();
    for (String raw : SPLIT.split(t)) {
      String w = EDGE_DOTS.matcher(raw).replaceAll("");
      if (w.isEmpty()) continue;
      if (w.equals(BREAK)) {
        out.add(new Token(BREAK, BREAK));
      } else {
        out.add(new Token(w, singular(w)));
      }
    }
    return out;
  }

  /** Normalized key words of a catalog phrase (no clause markers). */
  static List<String> keys(String phrase) {
    List<String> out = new ArrayList<>();
    for (Token tok : tokens(PHRASE_SEPARATORS.matcher(phrase).replaceAll(" "))) {
      if (!tok.isBreak()) out.add(tok.norm());
    }
    return out;
  }

  /** Normalized key form of a phrase, words joined by single spaces. */
  static String key(String phrase) {
    return String.join(" ", keys(phrase));
  }

  /** English singular of a lower-case word; numbers and short words are returned unchanged. */
  static String singular(String w) {
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
