package dev.glasscart.catalog;

import java.util.Locale;

/**
 * Amounts as people read them, in one place: "$120" for whole amounts, "$19.99" otherwise, with
 * the currency's symbol where it has a common one ($, €, £, ¥ for JPY and CNY) and its code after the number
 * otherwise ("120 CHF"). Used by constraint labels, ranking labels, notes and explanations alike,
 * so a price reads the same in a chip, a chart and a sentence.
 */
public final class Money {
  private Money() {}

  public static String format(double amount, String currency) {
    String n = Math.abs(amount - Math.rint(amount)) < 0.005 ? String.valueOf((long) Math.rint(amount))
        : String.format(Locale.ROOT, "%.2f", amount);
    String code = currency == null || currency.isBlank() ? "USD" : currency.toUpperCase(Locale.ROOT);
    return switch (code) {
      case "USD" -> "$" + n;
      case "EUR" -> "€" + n;
      case "GBP" -> "£" + n;
      case "JPY", "CNY", "RMB" -> "¥" + n;
      default -> n + " " + code;
    };
  }

  /**
   * As {@link #format}, as a Chinese sentence writes it: yuan after the number ("1299元",
   * "19.90元"), every other currency as {@link #format} writes it ($ amounts stay dollars).
   */
  public static String formatChinese(double amount, String currency) {
    String code = currency == null ? "" : currency.toUpperCase(Locale.ROOT);
    if (!code.equals("CNY") && !code.equals("RMB")) return format(amount, currency);
    return format(amount, "CNY").substring(1) + "元";
  }

  /** The currency most products of {@code catalog} are priced in ({@code USD} for an empty one). */
  public static String dominantCurrency(Catalog catalog) {
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    for (Product p : catalog.products()) counts.merge(p.currency(), 1, Integer::sum);
    return counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey).orElse("USD");
  }
}
