/**
 * The product catalog: the {@link dev.glasscart.catalog.Product} record, the immutable
 * {@link dev.glasscart.catalog.Catalog} snapshot, its durable store contract
 * {@link dev.glasscart.catalog.CatalogRepository}, importers and the demo catalog.
 *
 * <p>{@link dev.glasscart.catalog.CatalogImporter} reads JSON arrays, JSONL, RFC 4180 CSV,
 * dummyjson {@code {"products":[...]}} documents, Google Merchant Center feeds (tab-separated and
 * RSS/Atom XML, {@code MerchantFeed}) and schema.org Product JSON-LD ({@code JsonLdProducts}) into
 * an {@link dev.glasscart.catalog.ImportResult} (good products plus one
 * {@link dev.glasscart.catalog.RowError} per skipped row: where, which field, why). To support a new
 * format, add a {@link dev.glasscart.catalog.CatalogFormat} constant, detect it there, and turn each
 * row into a JSON object for the shared {@code ProductMapper} so validation stays in one place.
 *
 * <p>{@link dev.glasscart.catalog.CatalogSnapshot} keeps a binary copy of a file's import (and the
 * caller's digest of it) keyed by the file's path, size, time and checksums, so a restart on an
 * unchanged file loads it instead of parsing; bump its {@code FORMAT} when a product or the
 * importer's reading changes.
 *
 * <p>{@link dev.glasscart.catalog.DemoCatalog} generates a deterministic 1,320-product catalog
 * from the data tables in {@code demo-catalog.json}; add a category or brand by editing that file.
 *
 * <p>Plain synchronous Java: importers block on file I/O and are thread-safe; nothing here touches
 * Vert.x except the {@code CatalogRepository} contract's futures.
 */
package dev.glasscart.catalog;
