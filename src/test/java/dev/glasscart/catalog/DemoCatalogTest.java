package dev.glasscart.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class DemoCatalogTest {

  private static List<Product> catalog;

  @BeforeAll
  static void generate() {
    catalog = DemoCatalog.generate();
  }

  @Test
  void should_scale_to_a_shop_sized_catalog_with_the_same_category_mix() {
    // When a catalog of at least 10,000 products is asked for
    List<Product> big = DemoCatalog.generate(10_000);

    // Then it has them, with unique ids, each category the same multiple of its demo count, deterministically
    assertTrue(big.size() >= 10_000, "size " + big.size());
    assertEquals(big.size(), big.stream().map(Product::id).distinct().count(), "ids are unique");
    int factor = big.size() / catalog.size();
    assertEquals(catalog.size() * factor, big.size());
    Map<String, Long> base = catalog.stream().collect(Collectors.groupingBy(Product::category, Collectors.counting()));
    Map<String, Long> scaled = big.stream().collect(Collectors.groupingBy(Product::category, Collectors.counting()));
    base.forEach((category, n) -> assertEquals(n * factor, scaled.get(category), category));
    assertEquals(big, DemoCatalog.generate(10_000));
    assertEquals(catalog, DemoCatalog.generate(catalog.size()));
  }

  @Test
  void should_be_large_varied_and_deterministic() {
    // Given / When a second generation
    List<Product> again = DemoCatalog.generate();

    // Then it is identical, big enough, and spans many categories
    assertEquals(catalog, again);
    assertTrue(catalog.size() >= 1200, "size " + catalog.size());
    Set<String> categories = catalog.stream().map(Product::category).collect(Collectors.toSet());
    assertTrue(categories.size() >= 16, "categories " + categories);
    assertEquals(catalog.size(), catalog.stream().map(Product::id).distinct().count(), "ids are unique");
    assertTrue(catalog.stream().anyMatch(p -> p.stock() == 0), "some products are out of stock");
    assertTrue(catalog.stream().anyMatch(p -> p.stock() > 0));
  }

  @Test
  void should_make_every_product_complete_and_plausible() {
    for (Product p : catalog) {
      // Then every product has the facts shoppers filter on
      assertFalse(p.brand().isBlank(), p.id());
      assertFalse(p.description().isBlank(), p.id());
      assertEquals("USD", p.currency(), p.id());
      assertTrue(p.price() > 0 && p.price() < 5000, p.id() + " price " + p.price());
      assertEquals(Math.round(p.rating() * 10) / 10.0, p.rating(), 1e-9, p.id() + " rating has one decimal");
      assertTrue(p.rating() >= 0 && p.rating() <= 5, p.id());
      assertTrue(p.reviewCount() > 0, p.id());
      assertTrue(p.reviews().size() >= 2 && p.reviews().size() <= 3, p.id() + " " + p.reviews());
      assertFalse(p.tags().isEmpty(), p.id());
      String colour = p.attribute("colour");
      assertTrue(colour != null && p.title().toLowerCase(Locale.ROOT).contains(colour)
          || p.category().equals("televisions"), p.id() + " title names its colour: " + p.title());
      assertTrue(p.title().startsWith(p.brand() + " "), p.id() + " title starts with brand: " + p.title());
      assertFalse(p.title().contains("{") || p.description().contains("{"), p.id() + " unrendered template");
      String waterproof = p.attribute("waterproof");
      if (waterproof != null) {
        assertEquals(waterproof.equals("yes"), p.tags().contains("waterproof"), p.id());
      }
    }
  }

  @Test
  void should_write_review_snippets_that_agree_with_the_product() {
    // Given every colour and brand in the catalog and the yes/no attributes
    Set<String> colours = catalog.stream().map(p -> p.attribute("colour")).collect(Collectors.toSet());
    Set<String> brands = catalog.stream().map(Product::brand).collect(Collectors.toSet());
    Set<String> yesNoKeys = new HashSet<>();
    for (Product p : catalog) {
      p.attributes().forEach((k, v) -> {
        if (v.equals("yes") || v.equals("no")) yesNoKeys.add(k);
      });
    }
    for (Product p : catalog) {
      for (String review : p.reviews()) {
        String text = review.toLowerCase(Locale.ROOT);
        // Then a named colour is the product's colour
        for (String colour : colours) {
          if (mentions(text, colour)) {
            assertTrue(p.attribute("colour").contains(colour), p.id() + " (" + p.attribute("colour") + "): " + review);
          }
        }
        // and a named brand is the product's brand
        for (String brand : brands) {
          if (Pattern.compile("\\b" + Pattern.quote(brand) + "\\b").matcher(review).find()) {
            assertEquals(p.brand(), brand, p.id() + ": " + review);
          }
        }
        // and "waterproof" / "not waterproof" (and the like) match the attribute
        for (String key : yesNoKeys) {
          String label = key.replace('_', ' ');
          if (!mentions(text, label)) continue;
          boolean negated = mentions(text, "not " + label) || mentions(text, "no " + label);
          assertEquals(negated ? "no" : "yes", p.attribute(key), p.id() + " " + key + ": " + review);
        }
      }
    }
  }

  @Test
  void should_support_the_demo_conversations() {
    // Then each scripted conversation has several matches at every step
    assertAtLeast(3, p -> p.category().equals("hiking boots") && "yes".equals(p.attribute("waterproof"))
        && p.price() <= 120 && p.attribute("colour").contains("brown"));
    assertAtLeast(3, p -> p.category().equals("running shoes") && "women".equals(p.attribute("gender"))
        && p.price() <= 120 && p.brand().equals("Nike") && !p.attribute("colour").contains("black"));
    assertAtLeast(20, p -> p.category().equals("laptops") && !Set.of("Apple", "Samsung", "Sony").contains(p.brand()));
    Map<String, Long> perCategory = catalog.stream().collect(Collectors.groupingBy(Product::category, Collectors.counting()));
    for (String c : List.of("headphones", "smartphones", "dresses", "jackets", "backpacks", "coffee makers")) {
      assertTrue(perCategory.getOrDefault(c, 0L) >= 40, c + ": " + perCategory.get(c));
    }
    for (String brand : List.of("Nike", "Adidas", "Salomon", "Merrell", "Columbia", "Apple", "Samsung", "Sony", "Dell",
        "Lenovo", "Bose")) {
      assertAtLeast(5, p -> p.brand().equals(brand));
    }
  }

  private static void assertAtLeast(int n, Predicate<Product> filter) {
    long found = catalog.stream().filter(filter).count();
    assertTrue(found >= n, "expected at least " + n + " matches, found " + found);
  }

  private static boolean mentions(String text, String phrase) {
    return Pattern.compile("\\b" + Pattern.quote(phrase) + "\\b").matcher(text).find();
  }
}
