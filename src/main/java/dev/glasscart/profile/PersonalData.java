package dev.glasscart.profile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in shopper text before it is logged, stored or read further: e-mail
 * addresses, card-like numbers (13 to 19 digits, spaces or dashes allowed, passing the Luhn check)
 * and phone numbers (7 to 15 digits written as a phone number: with a leading {@code +}, an area
 * code in parentheses, three or more groups, or 9 or more digits in a row). Masks are bullets
 * only, so they carry no word a search or the understanding could pick up: {@value #EMAIL_MASK},
 * {@value #PHONE_MASK}, {@value #CARD_MASK}. A price range ("1000-2000"), a size list or a model
 * number of a few digits is left alone. Stateless and thread-safe.
 */
public final class PersonalData {
  public static final String EMAIL_MASK = "•••@•••";
  public static final String PHONE_MASK = "••• ••• ••••";
  public static final String CARD_MASK = "•••• •••• •••• ••••";

  private static final Pattern EMAIL = Pattern.compile(
      "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
  /** A run of digits with the separators numbers are written with, not inside a word. */
  private static final Pattern DIGIT_RUN = Pattern.compile("(?<![\\p{L}\\p{N}.,])\\+?\\(?\\d[\\d ().-]*\\d(?![\\p{L}\\p{N}])");

  private PersonalData() {}

  /** {@code text} with every e-mail address, card number and phone number masked; null stays null. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) return text;
    String out = EMAIL.matcher(text).replaceAll(EMAIL_MASK);
    Matcher m = DIGIT_RUN.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String run = m.group();
      String digits = run.replaceAll("\\D", "");
      String mask = card(run, digits) ? CARD_MASK : phone(run, digits) ? PHONE_MASK : null;
      m.appendReplacement(sb, Matcher.quoteReplacement(mask == null ? run : mask));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Whether {@code text} holds anything {@link #mask} would mask. */
  public static boolean holdsPersonalData(String text) {
    return text != null && !mask(text).equals(text);
  }

  private static boolean card(String run, String digits) {
    return digits.length() >= 13 && digits.length() <= 19 && run.matches("[\\d -]+") && luhn(digits);
  }

  private static boolean phone(String run, String digits) {
    if (digits.length() < 7 || digits.length() > 15) return false;
    if (run.startsWith("+") || run.contains("(")) return true;
    String[] groups = run.strip().split("[ .-]+");
    if (groups.length >= 3) return true;
    return groups.length == 1 && digits.length() >= 9;
  }

  /** The Luhn checksum of card numbers. */
  static boolean luhn(String digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }
}
