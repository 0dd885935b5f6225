package dev.glasscart.conversation;

import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Constraint.Sort;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for the phrase families that need no catalog words: price bounds, rating floors, stock,
 * sort orders and relative price moves ("cheaper"). Each matched phrase is blanked out of the
 * text so that it does not reach the free-text query. Stateless and thread-safe.
 *
 * <p>"around X" reads as X ± 15%: a shopper naming a round figure usually accepts the common
 * price points on either side of it ($85 to $115 around $100 covers $89.99 and $109.99) while
 * a wider band would stop meaning "around". A bare amount with a currency ("$50 headphones",
 * "for 50 bucks") is read as a budget, i.e. a price cap. A plain "cheap" / "affordable" with no
 * amount and nothing to compare with sorts by price (cheapest first) rather than inventing a cap.
 */
final class PhraseRules {

  /** A relative price move that needs the products shown last turn to become a bound. */
  enum Relative { NONE, CHEAPER, PRICIER }

  /** What the rules read, and the text left over with every matched phrase blanked. */
  record Extracted(List<Constraint> constraints, Relative relative, String rest) {}

  static final double AROUND_TOLERANCE = 0.15;

  /**
   * Currency marks before an amount: symbols and codes, "rs" / "rs." for rupees. Words about
   * money in the shopper's language, not about a catalog: the amount is read in the catalog's
   * currency whichever mark it carries ({@code Money}'s policy), so a bare number means the same.
   */
  private static final String CUR_BEFORE = "(?:[$€£¥₹]|usd|eur|gbp|inr|jpy|cny|rmb|rs\\.?)";
  /** Currency marks after an amount: symbols, codes and the currencies' names. */
  private static final String CUR_AFTER = "(?:\\$|€|£|¥|₹|元|usd\\b|eur\\b|euros?\\b|dollars?\\b|bucks\\b|pounds?\\b|gbp\\b"
      + "|rupees?\\b|rs\\b|inr\\b|yen\\b|jpy\\b|yuan\\b|rmb\\b|cny\\b)";

  private static String amt(int n) {
    return "(?<ca" + n + ">" + CUR_BEFORE + "\\s*)?(?<num" + n + ">\\d{1,2}(?:,\\d{2})+,\\d{3}|\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(?<dec" + n
        + ">\\d{1,2}))?(?<k" + n + ">\\s*k\\b)?(?<cb" + n + ">\\s*" + CUR_AFTER + ")?";
  }

  private static Pattern p(String regex) {
    return Pattern.compile("(?<![\\p{L}\\p{N}])" + regex + "(?![\\p{L}\\p{N}])");
  }

  private static final Pattern RATING = p("(?:(?:at least|minimum(?: of)?|min|over|above|rated(?: at least)?|with)\\s+)?"
      + "(?<r>[0-5](?:\\.\\d)?)\\s*\\+?\\s*(?:stars?|★)(?:\\s*(?:and up|and above|or more|or higher|or better|plus|\\+))?(?:\\s*rating)?");
  private static final Pattern RATED = p("rated (?:at least |above |over )?(?<r>[0-5](?:\\.\\d)?)(?:\\s*(?:and up|or more|or higher|\\+))?");
  private static final Pattern WELL_RATED = p("(?:highly|well|very well|good) (?:rated|reviewed)|good reviews|great reviews");
  private static final Pattern BETWEEN = p("(?:between|from)\\s+" + amt(1) + "\\s*(?:and|to|-|–)\\s*" + amt(2));
  private static final Pattern RANGE = p(amt(1) + "\\s*(?:-|–|to)\\s*" + amt(2));
  private static final Pattern AROUND = p("(?:around|about|approximately|approx\\.?|roughly|~|close to|in the region of)\\s*" + amt(1));
  private static final Pattern MAX_BEFORE = p("(?:under|below|less than|cheaper than|lower than|max(?:imum)?|up to|upto|at most|"
      + "no more than|not more than|within|budget(?: is| of)?|for|<=?)\\s*" + amt(1));
  private static final Pattern MAX_AFTER = p(amt(1) + "\\s*(?:or less|or under|or below|or cheaper|max(?:imum)?|tops|and under|and below)");
  private static final Pattern MIN_BEFORE = p("(?:over|above|more than|greater than|at least|min(?:imum)?|from|starting at|"
      + "pricier than|more expensive than|>=?)\\s*" + amt(1));
  private static final Pattern MIN_AFTER = p(amt(1) + "\\s*(?:or more|and up|and above|or above|plus|\\+)");
  private static final Pattern BARE = p(amt(1));
  private static final Pattern CHEAPEST = p("cheapest|lowest price[sd]?|least expensive|price low to high|low to high|most affordable|cheap|inexpensive|affordable|"
      + "budget friendly|budget|low cost|low-cost");
  private static final Pattern PRICIEST = p("most expensive|priciest|highest price[sd]?|price high to low|high to low");
  private static final Pattern BEST_RATED = p("best rated|top rated|highest rated|best reviewed|best ratings?|highest ratings?");
  private static final Pattern MOST_REVIEWED = p("most reviewed|most reviews|most popular|best selling|bestselling|best sellers?");
  private static final Pattern CHEAPER = p("cheaper|less expensive|lower priced|lower price|more affordable|less pricey");
  private static final Pattern PRICIER = p("more expensive|pricier|more premium|higher end|high end|fancier|more upscale|more luxurious|premium");
  private static final Pattern IN_STOCK = p("in stock|in-stock|available now|available today|ready to ship|(?:currently |only )?available(?! in)");

  private PhraseRules() {}

  /** Reads {@code folded}, a message already {@link Words#fold folded}. */
  static Extracted extract(String folded, int turn) {
    StringBuilder s = new StringBuilder(folded);
    List<Constraint> out = new ArrayList<>();
    scan(s, RATING, m -> rating(m.group("r"), turn), out);
    scan(s, RATED, m -> rating(m.group("r"), turn), out);
    scan(s, WELL_RATED, m -> List.of(Constraint.of(Kind.RATING_MIN, "4", turn)), out);
    scan(s, BETWEEN, m -> range(m, turn), out);
    scan(s, RANGE, m -> hasCurrency(m, 1) || hasCurrency(m, 2) ? range(m, turn) : null, out);
    scan(s, AROUND, m -> around(amount(m, 1), turn), out);
    scan(s, MAX_BEFORE, m -> m.group().startsWith("for") && !hasCurrency(m, 1) ? null : bound(Kind.PRICE_MAX, amount(m, 1), turn), out);
    scan(s, MAX_AFTER, m -> bound(Kind.PRICE_MAX, amount(m, 1), turn), out);
    scan(s, MIN_BEFORE, m -> bound(Kind.PRICE_MIN, amount(m, 1), turn), out);
    scan(s, MIN_AFTER, m -> hasCurrency(m, 1) || m.group().contains("and up") ? bound(Kind.PRICE_MIN, amount(m, 1), turn) : null, out);
    scan(s, BARE, m -> hasCurrency(m, 1) ? bound(Kind.PRICE_MAX, amount(m, 1), turn) : null, out);
    Relative rel = Relative.NONE;
    if (scan(s, CHEAPER, m -> List.of(), out)) rel = Relative.CHEAPER;
    if (scan(s, PRICIER, m -> List.of(), out)) rel = Relative.PRICIER;
    scan(s, CHEAPEST, m -> sort(Sort.CHEAPEST, turn), out);
    scan(s, PRICIEST, m -> sort(Sort.PRICIEST, turn), out);
    scan(s, BEST_RATED, m -> sort(Sort.BEST_RATED, turn), out);
    scan(s, MOST_REVIEWED, m -> sort(Sort.MOST_REVIEWED, turn), out);
    scan(s, IN_STOCK, m -> List.of(Constraint.of(Kind.IN_STOCK, "true", turn)), out);
    return new Extracted(out, rel, s.toString());
  }

  /** Applies {@code p} repeatedly; accepted matches (non-null result) are blanked. */
  static boolean scan(StringBuilder s, Pattern p, Function<Matcher, List<Constraint>> read, List<Constraint> out) {
    boolean any = false;
    Matcher m = p.matcher(s);
    int from = 0;
    while (from <= s.length() && m.find(from)) {
      List<Constraint> got = read.apply(m);
      if (got == null) {
        from = m.start() + 1;
        continue;
      }
      any = true;
      out.addAll(got);
      for (int i = m.start(); i < m.end(); i++) s.setCharAt(i, ' ');
      from = m.end();
      m = p.matcher(s);
    }
    return any;
  }

  private static List<Constraint> rating(String r, int turn) {
    double v = Double.parseDouble(r);
    return v > 5 ? null : List.of(Constraint.of(Kind.RATING_MIN, format(v), turn));
  }

  private static List<Constraint> range(Matcher m, int turn) {
    double a = amount(m, 1);
    double b = amount(m, 2);
    return List.of(Constraint.of(Kind.PRICE_MIN, format(Math.min(a, b)), turn), Constraint.of(Kind.PRICE_MAX, format(Math.max(a, b)), turn));
  }

  static List<Constraint> around(double x, int turn) {
    return List.of(Constraint.of(Kind.PRICE_MIN, format(x * (1 - AROUND_TOLERANCE)), turn),
        Constraint.of(Kind.PRICE_MAX, format(x * (1 + AROUND_TOLERANCE)), turn));
  }

  static List<Constraint> bound(Kind kind, double x, int turn) {
    return List.of(Constraint.of(kind, format(x), turn));
  }

  static List<Constraint> sort(Sort sort, int turn) {
    return List.of(Constraint.of(Kind.SORT, sort.name(), turn));
  }

  private static boolean hasCurrency(Matcher m, int n) {
    return m.group("ca" + n) != null || m.group("cb" + n) != null;
  }

  private static double amount(Matcher m, int n) {
    String num = m.group("num" + n).replace(",", "");
    String dec = m.group("dec" + n);
    double v = Double.parseDouble(dec == null ? num : num + "." + dec);
    return m.group("k" + n) != null ? v * 1000 : v;
  }

  /** A price or rating as constraint text: two decimals at most, no trailing zeros ("120", "101.99"). */
  static String format(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
