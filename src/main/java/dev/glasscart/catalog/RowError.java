package dev.glasscart.catalog;

import java.util.Objects;

/**
 * One skipped row of a catalog file.
 *
 * @param location {@code "line 17"} for JSONL and CSV (1-based; the CSV header is line 1) or
 *     {@code "index 3"} (0-based) for JSON arrays
 * @param message what is wrong with the row, naming the bad value
 */
public record RowError(String location, String message) {

  public RowError {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return location + ": " + message;
  }
}
