package dev.glasscart.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One catalog item, as imported and stored. Immutable.
 *
 * <p>{@code attributes} holds free-form facts such as {@code colour}, {@code size}, {@code material}
 * (keys lower-case; British spelling "colour" is the canonical key for colours). {@code reviews} are
 * short review snippets shown as evidence. {@code imageUrl} may be null.
 *
 * <p>A change of its fields or of what the constructor makes of them changes
 * {@link CatalogSnapshot#FORMAT} too (restarts load products from that snapshot).
 */
public record Product(
    String id,
    String title,
    String description,
    String brand,
    String category,
    double price,
    String currency,
    double rating,
    int reviewCount,
    List<String> tags,
    Map<String, String> attributes,
    int stock,
    List<String> reviews,
    String imageUrl) {

  public Product {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) throw new IllegalArgumentException("product id must not be blank");
    Objects.requireNonNull(title, "title");
    if (title.isBlank()) throw new IllegalArgumentException("product title must not be blank: " + id);
    if (!(price >= 0) || Double.isInfinite(price)) {
      throw new IllegalArgumentException("illegal price " + price + " for " + id + ", must be >= 0");
    }
    if (!(rating >= 0 && rating <= 5)) {
      throw new IllegalArgumentException("illegal rating " + rating + " for " + id + ", must be between 0 and 5");
    }
    if (reviewCount < 0) throw new IllegalArgumentException("illegal review count " + reviewCount + " for " + id);
    description = description == null ? "" : description;
    brand = brand == null ? "" : brand;
    category = category == null ? "" : category;
    currency = currency == null || currency.isBlank() ? "USD" : currency;
    tags = tags == null ? List.of() : List.copyOf(tags);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    reviews = reviews == null ? List.of() : List.copyOf(reviews);
  }

  /**
   * Whether it can be bought now: a stock figure above zero, or, for a catalog that states
   * availability instead of figures (merchant feeds, schema.org offers), an {@code availability}
   * attribute that says so.
   */
  public boolean inStock() {
    if (stock > 0) return true;
    String availability = attributes.get("availability");
    return availability != null && AVAILABLE_NOW.contains(availability.strip().toLowerCase(Locale.ROOT));
  }

  /** Availability words (of English) that mean a product ships now. */
  private static final Set<String> AVAILABLE_NOW = Set.of("in stock", "in_stock", "instock", "low stock",
      "limited availability", "available");

  /** The attribute value for {@code key} (lower-case), or null. */
  public String attribute(String key) {
    return attributes.get(key);
  }
}
