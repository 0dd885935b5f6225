package dev.glasscart.replay;

import java.util.List;

/**
 * {@code textLanguage}: the explanation is written in the given language, judged by its letters
 * ({@link Character#isLetter} code points): {@code zh} needs at least 30 % of them to be CJK
 * characters (Han, Hiragana, Katakana or Hangul script), {@code en} needs none to be. A text with
 * no letters passes {@code en} and fails {@code zh}.
 *
 * @param language {@code zh} or {@code en}
 */
public record TextLanguage(String language) implements Expectation {
  static final List<String> LANGUAGES = List.of("zh", "en");
  /** The least share of CJK letters in a {@code zh} text. */
  static final double MIN_ZH_SHARE = 0.30;

  public TextLanguage {
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException("illegal textLanguage: " + language + ", must be one of " + LANGUAGES);
    }
  }

  @Override
  public String key() {
    return "textLanguage";
  }

  @Override
  public List<String> check(TurnEvents turn) {
    String text = turn.text();
    long letters = text.codePoints().filter(Character::isLetter).count();
    long cjk = text.codePoints().filter(Character::isLetter).filter(TextLanguage::isCjk).count();
    boolean ok = language.equals("zh") ? letters > 0 && cjk >= MIN_ZH_SHARE * letters : cjk == 0;
    if (ok) return List.of();
    String share = letters == 0 ? "the text has no letters" : cjk + " of " + letters + " letters are CJK";
    return List.of("text is not " + language + " (" + share + "): \"" + TextMatch.abbreviate(text) + "\"");
  }

  static boolean isCjk(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
  }
}
