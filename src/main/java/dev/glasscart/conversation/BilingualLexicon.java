package dev.glasscart.conversation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A Chinese-English dictionary as a language resource: which Latin names a Chinese headword
 * stands for as a proper noun (卡西欧 for "Casio", 火狐 for "Firefox") and what everyday words it also
 * is (火狐: "red panda"). Read from {@value #RESOURCE} on the classpath, an extract of CC-CEDICT (CC BY-SA
 * 4.0) that {@code models/lexicon/extract-cedict.mjs} writes; models/lexicon/README.md says what
 * it holds. Knows nothing of any catalog: {@link LexiconBrands} pairs its names with a catalog's
 * brands.
 *
 * <p>Immutable and thread-safe; {@link #cedict} loads the bundled extract once, on the first
 * vocabulary built (1.8 to 2.0 s cold on a loaded 2-vCPU machine, README).
 */
final class BilingualLexicon {
  static final String RESOURCE = "/lexicon/cedict-names.tsv.gz";

  /** Knows no word: for a build without the extract. */
  static final BilingualLexicon EMPTY = new BilingualLexicon(Map.of(), Map.of(), Map.of());

  /** Headwords by the {@link #nameKey} of the proper name they stand for. */
  private final Map<String, List<String>> headwordsByName;
  /** Everyday senses (lower case) by headword. */
  private final Map<String, List<String>> commonSenses;
  /** A headword's spellings in the other script (simplified for a traditional one and back). */
  private final Map<String, List<String>> variants;

  private BilingualLexicon(Map<String, List<String>> headwordsByName, Map<String, List<String>> commonSenses,
      Map<String, List<String>> variants) {
    this.headwordsByName = headwordsByName;
    this.commonSenses = commonSenses;
    this.variants = variants;
  }

  private static final class Bundled {
    static final BilingualLexicon INSTANCE = load();

    private static BilingualLexicon load() {
      InputStream in = BilingualLexicon.class.getResourceAsStream(RESOURCE);
      if (in == null) {
        java.util.logging.Logger.getLogger(BilingualLexicon.class.getName())
            .warning(RESOURCE + " is not on the classpath: Chinese names of Latin-spelt brands come from the encoder alone");
        return EMPTY;
      }
      try (in) {
        return read(new GZIPInputStream(in));
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + RESOURCE, e);
      }
    }
  }

  /** The bundled CC-CEDICT extract (empty, with a warning, when the build left it out). */
  static BilingualLexicon cedict() {
    return Bundled.INSTANCE;
  }

  /**
   * Reads rows {@code headword TAB p|c|v TAB name} (UTF-8; {@code v}: a traditional headword and its
   * simplified spelling); a malformed row is an error naming its line.
   */
  static BilingualLexicon read(InputStream tsv) throws IOException {
    Map<String, List<String>> byName = new HashMap<>();
    Map<String, List<String>> common = new HashMap<>();
    Map<String, List<String>> variants = new HashMap<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8));
    int line = 0;
    for (String row; (row = r.readLine()) != null; ) {
      line++;
      if (row.isBlank()) continue;
      String[] f = row.split("\t", -1);
      if (f.length != 3 || f[0].isBlank() || f[2].isBlank() || !(f[1].equals("p") || f[1].equals("c") || f[1].equals("v"))) {
        throw new IOException("lexicon line " + line + ": expected 'headword TAB p|c|v TAB name', got '" + row + "'");
      }
      switch (f[1]) {
        case "p" -> byName.computeIfAbsent(nameKey(f[2]), k -> new ArrayList<>(2)).add(f[0]);
        case "c" -> common.computeIfAbsent(f[0], k -> new ArrayList<>(2)).add(f[2]);
        default -> {
          variants.computeIfAbsent(f[0], k -> new ArrayList<>(1)).add(f[2]);
          variants.computeIfAbsent(f[2], k -> new ArrayList<>(1)).add(f[0]);
        }
      }
    }
    byName.replaceAll((k, v) -> List.copyOf(v));
    common.replaceAll((k, v) -> List.copyOf(v));
    variants.replaceAll((k, v) -> List.copyOf(new java.util.LinkedHashSet<>(v)));
    return new BilingualLexicon(Map.copyOf(byName), Map.copyOf(common), Map.copyOf(variants));
  }

  /** The headwords that stand for {@code name} (compared by {@link #nameKey}), e.g. 卡西欧 and 卡西歐 for "Casio". */
  List<String> headwordsFor(String name) {
    return headwordsByName.getOrDefault(nameKey(name), List.of());
  }

  /**
   * A name as compared: lower case, accents stripped, runs of spaces as one ("Nestlé" and "NESTLE"
   * are one name). Cheaper than {@link Words#key} (no plural folding: names are not nouns), which
   * matters for the 20,000 names read at start.
   */
  static String nameKey(String name) {
    String n = name.strip().toLowerCase(java.util.Locale.ROOT);
    boolean ascii = true;
    for (int i = 0; i < n.length() && ascii; i++) ascii = n.charAt(i) < 128;
    if (!ascii) n = java.text.Normalizer.normalize(n, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    StringBuilder b = new StringBuilder(n.length());
    boolean space = false;
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
        continue;
      }
      if (space && b.length() > 0) b.append(' ');
      space = false;
      b.append(c);
    }
    return b.toString();
  }

  /** The everyday senses of {@code headword} ("red panda" for 火狐), lower case; empty for a name only. */
  List<String> commonSenses(String headword) {
    return commonSenses.getOrDefault(headword, List.of());
  }

  /** {@code headword}'s spellings in the other script (蘋果 for 苹果), without itself. */
  List<String> variants(String headword) {
    return variants.getOrDefault(headword, List.of()).stream().filter(v -> !v.equals(headword)).toList();
  }

  int size() {
    return headwordsByName.size();
  }
}
