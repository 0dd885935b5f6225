package dev.glasscart.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glasscart.query.Constraint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MoneyTest {

  @Test
  void should_write_amounts_with_the_currencys_symbol_or_code() {
    assertEquals("$120", Money.format(120, "USD"));
    assertEquals("€39.90", Money.format(39.9, "EUR"));
    assertEquals("£5.05", Money.format(5.049, "gbp"));
    assertEquals("120 CHF", Money.format(120, "CHF"));
    assertEquals("$7", Money.format(7, null));
    assertEquals("¥1,299", Money.format(1299, "CNY"));
    assertEquals("¥19.90", Money.format(19.9, "rmb"));
  }

  @Test
  void should_write_yuan_after_the_number_in_chinese_and_keep_dollars() {
    assertEquals("1299元", Money.formatChinese(1299, "CNY"));
    assertEquals("19.90元", Money.formatChinese(19.9, "CNY"));
    assertEquals("$89.99", Money.formatChinese(89.99, "USD"));
    assertEquals("€5", Money.formatChinese(5, "EUR"));
  }

  @Test
  void should_write_amounts_as_a_shopper_of_that_currency_reads_them() {
    assertEquals("₹1,949", Money.format(1949, "INR"));
    assertEquals("₹1,25,000", Money.format(125000, "INR"));
    assertEquals("₹499.50", Money.format(499.5, "inr"));
    assertEquals("€39.90", Money.format(39.9, "EUR"));
    assertEquals("€12,500", Money.format(12500, "EUR"));
    assertEquals("$1,299", Money.format(1299, "USD"));
    assertEquals("$1,299.99", Money.format(1299.99, "USD"));
    assertEquals("$1,234,567.10", Money.format(1234567.1, "USD"));
    assertEquals("¥1,000", Money.format(1000.4, "JPY"));
    assertEquals("12,000 CHF", Money.format(12000, "CHF"));
    assertEquals("-$5", Money.format(-5, "USD"));
    assertEquals("under ₹2,000", Constraint.of(Constraint.Kind.PRICE_MAX, "2000", 1).describe("INR"));
  }

  @Test
  void should_decide_the_currency_of_amounts_by_the_products_concerned() {
    assertEquals("INR", Money.currencyOf(List.of(product("a", "INR"), product("b", "INR"), product("c", "USD"))));
    assertEquals(Money.DEFAULT_CURRENCY, Money.currencyOf(List.of()));
  }

  @Test
  void should_label_price_constraints_in_the_catalogs_currency() {
    Constraint cap = Constraint.of(Constraint.Kind.PRICE_MAX, "50", 1);
    assertEquals("under $50", cap.describe());
    assertEquals("under €50", cap.describe("EUR"));
    assertEquals("over 20 CHF", Constraint.of(Constraint.Kind.PRICE_MIN, "20", 2).describe("CHF"));
  }

  @Test
  void should_find_the_currency_most_products_use() {
    Catalog eur = new Catalog(List.of(product("a", "EUR"), product("b", "EUR"), product("c", "USD")));
    assertEquals("EUR", Money.dominantCurrency(eur));
    assertEquals("USD", Money.dominantCurrency(new Catalog(List.of())));
  }

  private static Product product(String id, String currency) {
    return new Product(id, "Scarf " + id, "", "Knitty", "scarves", 10, currency, 4, 1, List.of(), Map.of(), 1, List.of(), null);
  }
}
