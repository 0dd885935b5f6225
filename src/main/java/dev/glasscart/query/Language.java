package dev.glasscart.query;

/**
 * The language a shopper wrote in, as far as Glasscart tells them apart: English (and any other
 * alphabetic text) or Chinese.
 *
 * <p>{@link #detect} counts <em>units</em>: every CJK character (Han ideographs, and kana / hangul
 * so that other CJK text is not read as English) is one unit, and every run of other letters (a
 * Latin word such as "Apple" or "iPhone") is one unit, because one Chinese character carries
 * about as much as one English word. The text is {@link #ZH} when CJK units are at least
 * {@link #CJK_SHARE} of all units, otherwise {@link #EN}; a text without letters is EN. So
 * "不要 Apple 的" (3 of 4 units), "Samsung Galaxy 手机" (2 of 4) and "换成 Oppo 的" are ZH, while
 * "show me the iPhone 13 Pro" and an English sentence quoting one product title with two Chinese
 * characters in seven words are EN. Counting letters instead would call "Samsung Galaxy 手机"
 * English (2 of 15 letters). Digits, spaces and punctuation do not count.
 *
 * <p>Pure and thread-safe.
 */
public enum Language {
  EN,
  ZH;

  /** The least share of CJK units for a text to be read as Chinese. */
  public static final double CJK_SHARE = 0.4;

  /** The language of {@code text} by the rule above; EN for null or a text without letters. */
  public static Language detect(String text) {
    if (text == null) return EN;
    int cjk = 0;
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isCjk(cp)) {
        cjk++;
        inWord = false;
      } else if (Character.isLetter(cp)) {
        if (!inWord) words++;
        inWord = true;
      } else {
        inWord = false;
      }
    }
    int units = cjk + words;
    return units > 0 && cjk >= CJK_SHARE * units ? ZH : EN;
  }

  /**
   * The language most of {@code texts} are in (each text one vote, by {@link #detect}; ties and an
   * empty list: EN), e.g. a catalog's by its product titles.
   */
  public static Language dominant(Iterable<String> texts) {
    int zh = 0;
    int all = 0;
    for (String t : texts) {
      all++;
      if (detect(t) == ZH) zh++;
    }
    return zh * 2 > all ? ZH : EN;
  }

  /** Whether {@code cp} is a CJK letter: a Han ideograph, kana or hangul syllable. */
  public static boolean isCjk(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return (s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL) && Character.isLetter(cp);
  }
}
