package dev.glasscart.query;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One hard constraint or preference the shopper stated, with the turn it came from.
 *
 * <p>{@code value} is text: a decimal number for {@link Kind#PRICE_MAX}, {@link Kind#PRICE_MIN}
 * and {@link Kind#RATING_MIN}; a brand, category or attribute value otherwise; a {@link Sort}
 * name for {@link Kind#SORT}. {@code field} names the attribute key (e.g. {@code colour}) for
 * {@link Kind#ATTRIBUTE} and {@link Kind#NOT_ATTRIBUTE}, and is empty otherwise.
 */
public record Constraint(Kind kind, String field, String value, int turn) {
  /**
   * The pseudo attribute key of a word the product's title must use ({@link Kind#ATTRIBUTE}) or
   * must not use ({@link Kind#NOT_ATTRIBUTE}): "in blue" where the catalog has no colour
   * attribute but its titles say "Blue Women's Handbag". A word of four letters or more also
   * matches title words it begins ("gold" in "Golden").
   */
  public static final String TITLE = "title";

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  public enum Kind {
    PRICE_MAX,
    PRICE_MIN,
    BRAND,
    NOT_BRAND,
    CATEGORY,
    NOT_CATEGORY,
    ATTRIBUTE,
    NOT_ATTRIBUTE,
    RATING_MIN,
    IN_STOCK,
    SORT;

    /** At most one of this kind is in force: a new one replaces the old (price bounds, rating, stock, sort). */
    public boolean singleValued() {
      return this == PRICE_MAX || this == PRICE_MIN || this == RATING_MIN || this == IN_STOCK || this == SORT;
    }

    /**
     * An include: several of this kind (and, for attributes, of one key) are alternatives, a
     * product needs to match any one of them (brand, category, attribute).
     */
    public boolean include() {
      return this == BRAND || this == CATEGORY || this == ATTRIBUTE;
    }
  }

  public enum Sort {
    CHEAPEST,
    PRICIEST,
    BEST_RATED,
    MOST_REVIEWED
  }

  public Constraint {
    Objects.requireNonNull(kind, "kind");
    field = field == null ? "" : field;
    value = value == null ? "" : value;
  }

  public static Constraint of(Kind kind, String value, int turn) {
    return new Constraint(kind, "", value, turn);
  }

  public double number() {
    return Double.parseDouble(value);
  }

  /**
   * Whether {@code p} satisfies this constraint. Soft kinds ({@link Kind#SORT}) always hold. The
   * prepared {@link #predicate} is remembered (ranking tests a turn's constraints on every
   * candidate): it is a pure function of the constraint, so a remembered one is the one.
   */
  public boolean test(Product p) {
    Predicate<Product> prepared = PREPARED.get(this);
    if (prepared == null) {
      prepared = predicate();
      if (PREPARED.size() >= MAX_PREPARED) PREPARED.clear();
      PREPARED.put(this, prepared);
    }
    return prepared.test(p);
  }

  /** Constraints whose predicates are remembered at most; the memo starts afresh when full. */
  private static final int MAX_PREPARED = 10_000;
  private static final java.util.concurrent.ConcurrentHashMap<Constraint, Predicate<Product>> PREPARED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * {@link #test} with the constraint's own work (parsing the number, normalizing the word) done
   * once, for testing many products.
   */
  public Predicate<Product> predicate() {
    return switch (kind) {
      case PRICE_MAX -> {
        double max = number() + 1e-9;
        yield p -> p.price() <= max;
      }
      case PRICE_MIN -> {
        double min = number() - 1e-9;
        yield p -> p.price() >= min;
      }
      case BRAND -> p -> p.brand().equalsIgnoreCase(value);
      case NOT_BRAND -> p -> !p.brand().equalsIgnoreCase(value);
      case CATEGORY -> p -> p.category().equalsIgnoreCase(value);
      case NOT_CATEGORY -> p -> !p.category().equalsIgnoreCase(value);
      case ATTRIBUTE -> {
        String needle = " " + words(value).trim() + " ";
        yield p -> matchesAttribute(p, needle);
      }
      case NOT_ATTRIBUTE -> {
        String needle = " " + words(value).trim() + " ";
        yield p -> !matchesAttribute(p, needle);
      }
      case RATING_MIN -> {
        double min = number() - 1e-9;
        yield p -> p.rating() >= min;
      }
      case IN_STOCK -> Product::inStock;
      case SORT -> p -> true;
    };
  }

  /**
   * Whether a title holds a Chinese word ({@code word}, no word breaks to look for): as written, or
   * for a colour said with its suffix 色 ("黑色"), the colour character alone, as titles write it in
   * compounds ("红黑配色", "黑白").
   */
  public static boolean titleHasCjk(String title, String word) {
    if (title.contains(word)) return true;
    return word.length() == 2 && word.charAt(1) == '色' && title.indexOf(word.charAt(0)) >= 0;
  }

  /** {@code needle}: the value as {@link #words}, padded with one space each side. */
  private boolean matchesAttribute(Product p, String needle) {
    if (field.equals(TITLE)) {
      if (Language.isCjk(value.codePointAt(0))) return titleHasCjk(p.title(), value); // Chinese: no word breaks
      String title = padded(p.title());
      return title.contains(needle) || (needle.length() >= 6 && title.contains(needle.substring(0, needle.length() - 1)));
    }
    String v = p.attribute(field);
    if (v != null && padded(v).contains(needle)) return true;
    // attributes may also live in tags ("leather") when the catalog has no such key
    for (String tag : p.tags()) {
      if (tag.equalsIgnoreCase(value)) return true;
    }
    return false;
  }

  /** Lower case, every run of non-letters and non-digits one space. */
  static String words(String text) {
    return NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
  }

  /**
   * {@code " " + words(text) + " "}, in one pass without a regular expression: it runs for every
   * product a constraint is tested on (the whole catalog when a turn widens), so it is written out.
   * A letter is {@code \p{L}}, a digit any {@code \p{N}} (decimal, letter and other numbers), as in
   * {@link #NON_WORD}.
   */
  static String padded(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length() + 2).append(' ');
    boolean gap = false;
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      i += Character.charCount(cp);
      if (wordChar(cp)) {
        if (gap) out.append(' ');
        gap = false;
        out.appendCodePoint(cp);
      } else {
        gap = true;
      }
    }
    if (gap) out.append(' ');
    return out.append(' ').toString();
  }

  private static boolean wordChar(int cp) {
    if (Character.isLetter(cp)) return true;
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  /** Short words for people, e.g. "under $120", "not Nike", "colour: brown"; amounts in {@link Money#DEFAULT_CURRENCY}. */
  public String describe() {
    return describe(Money.DEFAULT_CURRENCY);
  }

  /**
   * As {@link #describe(String)}, in the shopper's language: Chinese as a Chinese shopper says a
   * wish ("80元以内" for yuan, "$80以内" for dollars, "不要Apple", "按价格从低到高").
   */
  public String describe(String currency, Language language) {
    if (language != Language.ZH) return describe(currency);
    return switch (kind) {
      case PRICE_MAX -> Money.formatChinese(number(), currency) + "以内";
      case PRICE_MIN -> Money.formatChinese(number(), currency) + "以上";
      case BRAND -> "品牌" + value;
      case NOT_BRAND, NOT_CATEGORY, NOT_ATTRIBUTE -> "不要" + value;
      case CATEGORY -> value;
      case ATTRIBUTE -> field.equals(TITLE) ? value : AttributeNames.inWords(field) + "：" + value;
      case RATING_MIN -> value + "星以上";
      case IN_STOCK -> "有货";
      case SORT -> switch (Sort.valueOf(value)) {
        case CHEAPEST -> "按价格从低到高";
        case PRICIEST -> "按价格从高到低";
        case BEST_RATED -> "评分最高";
        case MOST_REVIEWED -> "评价最多";
      };
    };
  }

  /** As {@link #describe()}, with amounts in {@code currency} (the catalog's), e.g. "under €50". */
  public String describe(String currency) {
    return switch (kind) {
      case PRICE_MAX -> "under " + Money.format(number(), currency);
      case PRICE_MIN -> "over " + Money.format(number(), currency);
      case BRAND -> value;
      case NOT_BRAND -> "not " + value;
      case CATEGORY -> value;
      case NOT_CATEGORY -> "not " + value;
      case ATTRIBUTE -> field.equals(TITLE) ? value : AttributeNames.inWords(field) + ": " + value;
      case NOT_ATTRIBUTE -> "no " + value;
      case RATING_MIN -> value + " stars and up";
      case IN_STOCK -> "in stock";
      case SORT -> "sorted: " + value.toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }
}
