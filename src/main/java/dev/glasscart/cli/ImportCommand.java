package dev.glasscart.cli;

import dev.glasscart.catalog.CatalogImportException;
import dev.glasscart.catalog.CatalogImporter;
import dev.glasscart.catalog.ImportResult;
import dev.glasscart.catalog.RowError;
import dev.glasscart.config.Flags;
import dev.glasscart.storage.Database;
import dev.glasscart.storage.PgCatalogRepository;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code glasscart import FILE [--data-dir DIR] [--database-url URL] [--dry-run]}: replaces the
 * stored catalog with the valid rows of FILE in one transaction and reports every rejected row.
 * The next {@code serve} on the same data dir uses it. Exit status 0 when every row was valid, 3
 * when some were skipped, 1 when nothing was imported, 2 for usage errors.
 */
public final class ImportCommand {
  private ImportCommand() {}

  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Flags flags = Flags.parse(args, Set.of("--data-dir", "--database-url"), Set.of("--dry-run"), true);
    List<String> files = flags.positionals();
    if (files.size() > 1) throw new IllegalArgumentException("unexpected argument '" + files.get(1) + "'");
    if (files.isEmpty()) throw new IllegalArgumentException("usage: glasscart import FILE [--data-dir DIR] [--database-url URL] [--dry-run]");
    Path file = Path.of(files.get(0));
    Path dataDir = flags.path("--data-dir", Path.of("data"));
    String url = flags.string("--database-url", System.getenv("DATABASE_URL"));
    boolean dryRun = flags.has("--dry-run");
    ImportResult result;
    try {
      result = CatalogImporter.read(file);
    } catch (CatalogImportException e) {
      err.println("glasscart import: " + e.getMessage());
      return 1;
    }
    for (RowError e : result.errors()) err.println(file + ": skipped " + e);
    out.println(file + ": " + result.products().size() + " valid products, " + result.errors().size() + " rejected rows");
    if (result.products().isEmpty()) {
      err.println("glasscart import: nothing to import; the stored catalog is unchanged");
      return 1;
    }
    if (dryRun) return result.clean() ? 0 : 3;
    Vertx vertx = Vertx.vertx();
    Database db = null;
    try {
      Files.createDirectories(dataDir);
      db = Database.start(vertx, dataDir.toAbsolutePath(), url).await();
      new PgCatalogRepository(db.pool()).replaceAll(result.products()).await();
      out.println("imported into " + db.description());
      return result.clean() ? 0 : 3;
    } catch (Exception e) {
      err.println("glasscart import: the stored catalog is unchanged: " + e.getMessage());
      return 1;
    } finally {
      if (db != null) db.close().await();
      vertx.close().await();
    }
  }
}
