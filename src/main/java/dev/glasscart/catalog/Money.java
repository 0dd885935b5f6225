package dev.glasscart.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one money policy: which currency an amount is in, and how a shopper of that currency reads it.
 *
 * <p><b>Which currency.</b> A product's price is in the product's own currency. Every other amount
 * (a budget the shopper stated, a bound in a note, a chip) is in the catalog's currency,
 * {@link #currencyOf}: the currency most of the products concerned are priced in, {@link
 * #DEFAULT_CURRENCY} when there are none. A bare number in a message means the catalog's
 * currency, and so does a number with a currency word ("2000 rupees", "€40"): amounts are never
 * converted (the catalog states no exchange rates), the word only marks the number as money.
 *
 * <p><b>How it reads.</b> The currency's symbol before the amount where it has a common one ($, €,
 * £, ¥, ₹), else its code after it ("120 CHF"); digits grouped in thousands ("$1,299", "€12,500"),
 * and for rupees as Indians group them ("₹1,949", "₹1,25,000"); cents only when there are any,
 * then always two digits ("€39.90", "$19.99", "under $120"); none for currencies without minor
 * units (yen, won). Used by constraint labels, ranking labels, notes and explanations alike, so a
 * price reads the same in a chip, a chart and a sentence; the grounding guard reads back what
 * this writes ({@link #AMOUNT_PREFIX}).
 */
public final class Money {
  /** The currency of a catalog with no products, and of amounts with no currency given. */
  public static final String DEFAULT_CURRENCY = "USD";
  private static final Map<String, String> SYMBOLS = Map.of("USD", "$", "EUR", "€", "GBP", "£", "JPY", "¥", "CNY", "¥", "RMB", "¥", "INR", "₹");
  private static final List<String> NO_MINOR_UNITS = List.of("JPY", "KRW");
  /**
   * What may precede an amount this class writes, as a regex (symbols, or a code with an optional
   * space), for readers such as the grounding guard.
   */
  public static final String AMOUNT_PREFIX = "(?:\\$|€|£|¥|₹|(?:USD|EUR|GBP|JPY|CNY|INR|Rs\\.?) ?)";

  private Money() {}

  public static String format(double amount, String currency) {
    String code = currency == null || currency.isBlank() ? DEFAULT_CURRENCY : currency.toUpperCase(Locale.ROOT);
    boolean minorUnits = !NO_MINOR_UNITS.contains(code);
    long cents = Math.round(Math.abs(amount) * (minorUnits ? 100 : 1));
    long units = minorUnits ? cents / 100 : cents;
    String n = group(units, code.equals("INR"));
    if (minorUnits && cents % 100 != 0) n += String.format(Locale.ROOT, ".%02d", cents % 100);
    String sign = amount < 0 && cents != 0 ? "-" : "";
    String symbol = SYMBOLS.get(code);
    return symbol != null ? sign + symbol + n : sign + n + " " + code;
  }

  /** {@code units} with thousands separators: groups of three, or for Indian readers 3 then 2s. */
  private static String group(long units, boolean indian) {
    String digits = Long.toString(units);
    StringBuilder out = new StringBuilder();
    int i = digits.length();
    int size = 3;
    while (i > size) {
      out.insert(0, "," + digits.substring(i - size, i));
      i -= size;
      if (indian) size = 2;
    }
    return out.insert(0, digits.substring(0, i)).toString();
  }

  /**
   * As {@link #format}, as a Chinese sentence writes it: yuan after the number ("1299元",
   * "19.90元"), every other currency as {@link #format} writes it ($ amounts stay dollars).
   */
  public static String formatChinese(double amount, String currency) {
    String code = currency == null ? "" : currency.toUpperCase(Locale.ROOT);
    if (!code.equals("CNY") && !code.equals("RMB")) return format(amount, currency);
    return format(amount, "CNY").substring(1).replace(",", "") + "元"; // yuan amounts are written ungrouped
  }

  /** The currency most products of {@code catalog} are priced in ({@link #DEFAULT_CURRENCY} for an empty one). */
  public static String dominantCurrency(Catalog catalog) {
    return currencyOf(catalog.products());
  }

  /** The currency most of {@code products} are priced in ({@link #DEFAULT_CURRENCY} for none). */
  public static String currencyOf(Collection<Product> products) {
    Map<String, Integer> counts = new HashMap<>();
    for (Product p : products) counts.merge(p.currency(), 1, Integer::sum);
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(DEFAULT_CURRENCY);
  }
}
