package dev.glasscart.catalog;

import java.util.Objects;

/**
 * One skipped row of a catalog file.
 *
 * @param location {@code "line 17"} for JSONL, CSV and tab-separated feeds (1-based; a header is
 *     line 1), {@code "index 3"} (0-based) for JSON arrays, {@code "item 2 (line 31)"} for XML
 *     feeds, {@code "@graph[4]"} for JSON-LD graphs
 * @param field the field at fault ({@code "price"}, {@code "id"}), or null when the row as a
 *     whole is (malformed line, not an object)
 * @param message what is wrong with the row, naming the bad value
 */
public record RowError(String location, String field, String message) {

  public RowError {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  /** An error about the row as a whole. */
  public RowError(String location, String message) {
    this(location, null, message);
  }

  @Override
  public String toString() {
    return location + ": " + message;
  }
}
