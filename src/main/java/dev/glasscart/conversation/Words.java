package dev.glasscart.conversation;

import dev.glasscart.query.Language;
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
 * singular with English suffix rules plus a few irregular nouns; Chinese (CJK) text becomes one
 * token per character. Stateless and thread-safe.
 */
final class Words {
  /** A clause break (comma, full stop, semicolon...) kept in token streams as this marker. */
  static final String BREAK = "|";

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern POSSESSIVE = Pattern.compile("'s\\b");
  /** ASCII clause punctuation before a space or the end; Chinese full-width punctuation anywhere. */
  private static final Pattern CLAUSE_END = Pattern.compile("[,;.!?:()\\[\\]]+(\\s|$)|[，。；！？：、（）【】]+\\s*");
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
        addSplittingCjk(w, out);
      }
    }
    return out;
  }

  /**
   * Adds {@code w} as one token, or, when it holds CJK letters, as one token per CJK character
   * with the runs between them (Latin words, numbers) as tokens of their own: Chinese has no
   * spaces, so the vocabulary matches its words character by character, longest phrase first
   * ({@link CatalogVocabulary#find}), and "笔记本电脑不要苹果的" finds "笔记本电脑" and "苹果".
   */
  private static void addSplittingCjk(String w, List<Token> out) {
    int start = 0;
    for (int i = 0; i < w.length(); ) {
      int cp = w.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (Language.isCjk(cp)) {
        if (start < i) out.add(word(w.substring(start, i)));
        out.add(new Token(w.substring(i, next), w.substring(i, next)));
        start = next;
      }
      i = next;
    }
    if (start < w.length()) out.add(word(w.substring(start)));
  }

  private static Token word(String w) {
    return new Token(w, singular(w));
  }

  /** Whether {@code t} is one CJK character (as {@link #foldedTokens} makes of Chinese text). */
  static boolean isCjk(Token t) {
    return !t.surface().isEmpty() && Language.isCjk(t.surface().codePointAt(0));
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
    return dev.glasscart.catalog.Nouns.singular(w);
  }
}
