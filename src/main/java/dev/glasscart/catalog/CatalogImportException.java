package dev.glasscart.catalog;

/** A catalog file that cannot be read or parsed at all (not a single bad row). */
public final class CatalogImportException extends RuntimeException {

  public CatalogImportException(String message) {
    super(message);
  }

  public CatalogImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
