package dev.glasscart.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the whole catalog, in import order. Thread-safe; shared by retrieval,
 * ranking and conversation understanding. A new import produces a new snapshot.
 */
public final class Catalog {
  private final List<Product> products;
  private final Map<String, Product> byId;

  public Catalog(List<Product> products) {
    Map<String, Product> map = new LinkedHashMap<>();
    for (Product p : products) {
      if (map.putIfAbsent(p.id(), p) != null) {
        throw new IllegalArgumentException("duplicate product id: " + p.id());
      }
    }
    this.products = List.copyOf(products);
    this.byId = Collections.unmodifiableMap(map);
  }

  public List<Product> products() {
    return products;
  }

  public Optional<Product> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public int size() {
    return products.size();
  }
}
