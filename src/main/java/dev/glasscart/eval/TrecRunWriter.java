package dev.glasscart.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a TREC run file: one line {@code qid Q0 docid rank score glasscart} per result, ranks from
 * 1, at most {@link #DEPTH} results per query, queries in the given order. Blocking.
 */
public final class TrecRunWriter {
  /** Results written per query. */
  public static final int DEPTH = 100;
  static final String TAG = "glasscart";

  private TrecRunWriter() {}

  /** One retrieved document with the score it was ranked by. */
  public record Hit(String docId, double score) {}

  public static void write(Path file, Map<String, List<Hit>> runs) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (Map.Entry<String, List<Hit>> run : runs.entrySet()) {
          List<Hit> hits = run.getValue();
          for (int i = 0; i < Math.min(DEPTH, hits.size()); i++) {
            out.write(String.format(Locale.ROOT, "%s Q0 %s %d %.6f %s%n",
                run.getKey(), hits.get(i).docId(), i + 1, hits.get(i).score(), TAG));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write TREC run to " + file, e);
    }
  }
}
