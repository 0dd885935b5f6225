package dev.glasscart.catalog;

import java.util.List;

/**
 * What an import produced: the valid products in file order and one {@link RowError} per skipped
 * row. Immutable.
 */
public record ImportResult(List<Product> products, List<RowError> errors) {

  public ImportResult {
    products = List.copyOf(products);
    errors = List.copyOf(errors);
  }

  /** Whether every row was imported. */
  public boolean clean() {
    return errors.isEmpty();
  }
}
