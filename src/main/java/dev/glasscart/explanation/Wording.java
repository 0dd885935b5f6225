package dev.glasscart.explanation;

import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import java.util.List;
import java.util.Locale;

/**
 * How the built-in explainer writes numbers and lists; one place so the guard reads the same forms.
 * {@link #and} is public: conversation's notes list values the same way.
 */
public final class Wording {
  private Wording() {}

  /** A constraint in words, amounts in the currency the shown products are priced in. */
  static String wish(Constraint c, Evidence e) {
    return c.describe(currency(e));
  }

  static String currency(Evidence e) {
    return Money.currencyOf(e.shown().stream().map(r -> r.product()).toList());
  }

  static String price(Product p) {
    return Money.format(p.price(), p.currency());
  }

  /** A rating such as {@code 4.5} (one decimal). */
  static String rating(double rating) {
    return String.format(Locale.ROOT, "%.1f", rating);
  }

  /** A contribution value such as {@code +0.42} or {@code -0.10}. */
  static String signed(double value) {
    return String.format(Locale.ROOT, "%+.2f", value);
  }

  /** "a", "a and b", "a, b and c". */
  public static String and(List<String> items) {
    return switch (items.size()) {
      case 0 -> "";
      case 1 -> items.getFirst();
      default -> String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    };
  }

  /** The product as named in sentences: its title, with the brand when the title lacks it. */
  static String name(Product p) {
    if (p.brand().isBlank() || p.title().toLowerCase(Locale.ROOT).contains(p.brand().toLowerCase(Locale.ROOT))) {
      return p.title();
    }
    return p.title() + " by " + p.brand();
  }

  /** Ends {@code text} with a full stop unless it already ends a sentence. */
  /** {@code text} as a sentence: capital first letter, closing punctuation. */
  static String sentence(String text) {
    String t = text.strip();
    if (t.isEmpty()) return t;
    t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
    char last = t.charAt(t.length() - 1);
    return last == '.' || last == '!' || last == '?' ? t : t + ".";
  }
}
