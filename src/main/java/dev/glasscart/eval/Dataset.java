package dev.glasscart.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieval test collection loaded from a directory holding {@code corpus.jsonl} (one JSON object
 * per line with {@code id}, {@code title}, {@code description}), {@code queries.tsv}
 * ({@code qid<TAB>query}) and {@code qrels.tsv} (TREC: {@code qid 0 docid grade}, whitespace
 * separated). Corpus products carry only id, title and description. Loading blocks; immutable.
 *
 * @param queries query id to text, in file order
 */
public record Dataset(Path dir, Catalog corpus, Map<String, String> queries, Qrels qrels) {

  /** The files a dataset directory must hold. */
  static final List<String> FILES = List.of("corpus.jsonl", "queries.tsv", "qrels.tsv");

  /** Checks that {@code dir} holds every dataset file; throws naming the first one missing. */
  public static void requireFiles(Path dir) {
    for (String file : FILES) {
      if (!Files.isRegularFile(dir.resolve(file))) throw new IllegalArgumentException("dataset " + dir + " lacks " + file);
    }
  }

  public static Dataset load(Path dir) {
    try {
      Catalog corpus = new Catalog(readCorpus(dir.resolve("corpus.jsonl")));
      Map<String, String> queries = readQueries(dir.resolve("queries.tsv"));
      Qrels qrels = readQrels(dir.resolve("qrels.tsv"));
      return new Dataset(dir, corpus, java.util.Collections.unmodifiableMap(queries), qrels);
    } catch (IOException e) {
      throw new UncheckedIOException("could not load dataset from " + dir, e);
    }
  }

  private static List<Product> readCorpus(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Product> products = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        try {
          JsonNode n = json.readTree(line);
          products.add(new Product(n.path("id").asText(), n.path("title").asText(),
              n.path("description").asText(""), "", "", 0, "USD", 0, 0,
              List.of(), Map.of(), 1, List.of(), null));
        } catch (IOException | IllegalArgumentException e) {
          throw new IllegalArgumentException("bad corpus line " + lineNo + " in " + file + ": " + e.getMessage(), e);
        }
      }
    }
    return products;
  }

  private static Map<String, String> readQueries(Path file) throws IOException {
    Map<String, String> queries = new LinkedHashMap<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) continue;
      int tab = line.indexOf('\t');
      if (tab <= 0) throw new IllegalArgumentException("bad query line " + lineNo + " in " + file + ": no tab");
      queries.put(line.substring(0, tab).trim(), line.substring(tab + 1).trim());
    }
    return queries;
  }

  private static Qrels readQrels(Path file) throws IOException {
    Map<String, Map<String, Integer>> byQuery = new HashMap<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) continue;
      String[] f = line.trim().split("\\s+");
      if (f.length != 4) {
        throw new IllegalArgumentException("bad qrels line " + lineNo + " in " + file + ": expected 4 fields, got " + f.length);
      }
      try {
        byQuery.computeIfAbsent(f[0], q -> new HashMap<>()).put(f[2], Integer.parseInt(f[3]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad grade on qrels line " + lineNo + " in " + file + ": " + f[3], e);
      }
    }
    return new Qrels(byQuery);
  }
}
