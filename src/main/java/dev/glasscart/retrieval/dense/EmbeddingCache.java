package dev.glasscart.retrieval.dense;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * Embeddings persisted under the data dir, so a restart re-embeds only products whose text changed.
 *
 * <p>One file per model: {@code <dir>/<sanitized model name>.emb}. Entries are keyed by the SHA-256
 * of {@code model name + '\0' + text}. Layout (big-endian): magic {@code GCEMB001}, dimension (int),
 * count (int), count x (32-byte key + dimension floats), CRC32 of all preceding bytes (long). A file
 * whose magic, dimension, length or checksum is wrong is ignored with a warning and rewritten. Writes
 * go to a temp file then an atomic rename, so a crash leaves the old file or the new one.
 *
 * <p>Blocking (file I/O, embedding). Thread-safe: {@link #embedAll} is synchronized.
 */
public final class EmbeddingCache {
  private static final Logger LOG = Logger.getLogger(EmbeddingCache.class.getName());
  private static final byte[] MAGIC = "GCEMB001".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + 8;
  /** Texts embedded per call when progress is tracked: small enough to report and stop often. */
  static final int CHUNK = 256;
  private final Path dir;

  /** What {@link #embedAll} did. */
  public record Result(float[][] vectors, int reused, int embedded) {}

  /** @param dir directory for cache files, e.g. {@code <data dir>/embeddings}; created on demand */
  public EmbeddingCache(Path dir) {
    if (dir == null) throw new IllegalArgumentException("cache dir must not be null");
    this.dir = dir;
  }

  /** The file used for {@code modelName}. */
  public Path file(String modelName) {
    return dir.resolve(modelName.replaceAll("[^A-Za-z0-9._-]", "_") + ".emb");
  }

  /**
   * Vectors for {@code texts} (input order): cached ones reused, the rest embedded with {@code
   * embedder} in one call (it batches), then the file is rewritten with exactly these texts.
   */
  public Result embedAll(List<String> texts, Embedder embedder) {
    return embedAll(texts, embedder, null);
  }

  /**
   * {@link #embedAll(List, Embedder)}, reporting to {@code progress} (may be null): the cached
   * texts at once, then the rest in chunks of {@link #CHUNK}; a cancelled progress stops it
   * between chunks with a CancellationException (the cache file is then left as it was).
   */
  public synchronized Result embedAll(List<String> texts, Embedder embedder, IndexingProgress progress) {
    String model = embedder.name();
    int dim = embedder.dimension();
    Path file = file(model);
    Map<String, float[]> cached = load(file, dim);
    String[] keys = new String[texts.size()];
    float[][] vectors = new float[texts.size()][];
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      keys[i] = key(model, texts.get(i));
      vectors[i] = cached.get(keys[i]);
      if (vectors[i] == null) missing.add(i);
    }
    if (!missing.isEmpty()) {
      List<String> todo = new ArrayList<>(missing.size());
      for (int i : missing) todo.add(texts.get(i));
      if (progress != null) progress.advance(texts.size() - missing.size(), 0);
      float[][] fresh = embedInChunks(todo, embedder, progress);
      for (int j = 0; j < fresh.length; j++) vectors[missing.get(j)] = fresh[j];
      save(file, dim, keys, vectors);
    } else if (progress != null) {
      progress.advance(texts.size(), 0);
    }
    return new Result(vectors, texts.size() - missing.size(), missing.size());
  }

  /**
   * Vectors for {@code texts}, each distinct text embedded once (a catalog's variants share their
   * titles and often their whole text), shortest first ({@link Embedder#length}) so batches pad little, in
   * chunks of {@link #CHUNK} distinct texts, each reported with its copies to {@code progress}
   * (nullable). The vectors depend on the batches (the quantized model scales each batch's
   * activations), so the batching is the same with or without a progress: an eval's vectors are a start's.
   */
  private static float[][] embedInChunks(List<String> texts, Embedder embedder, IndexingProgress progress) {
    Map<String, Integer> firstIndex = new HashMap<>(texts.size() * 2);
    List<String> distinct = new ArrayList<>();
    int[] slot = new int[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      Integer at = firstIndex.putIfAbsent(texts.get(i), distinct.size());
      if (at == null) {
        at = distinct.size();
        distinct.add(texts.get(i));
      }
      slot[i] = at;
    }
    int[] copies = new int[distinct.size()];
    for (int s : slot) copies[s]++;
    int[] lengths = new int[distinct.size()];
    Integer[] order = new Integer[distinct.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      lengths[i] = embedder.length(distinct.get(i));
    }
    // stable: equal lengths keep their order, so a list of distinct texts gets the very batches
    // one call of the encoder would make (it sorts the same way; a chunk is a whole number of batches of 8)
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> lengths[i]));
    float[][] unique = new float[distinct.size()][];
    for (int from = 0; from < order.length; from += CHUNK) {
      int to = Math.min(order.length, from + CHUNK);
      List<String> chunk = new ArrayList<>(to - from);
      int produced = 0;
      for (int j = from; j < to; j++) {
        chunk.add(distinct.get(order[j]));
        produced += copies[order[j]];
      }
      float[][] v = embedder.embed(chunk);
      for (int j = from; j < to; j++) unique[order[j]] = v[j - from];
      if (progress != null) progress.advance(0, produced);
    }
    float[][] out = new float[texts.size()][];
    boolean[] handedOut = new boolean[unique.length];
    for (int i = 0; i < out.length; i++) {
      // every text gets its own array: copies are equal, never shared
      out[i] = handedOut[slot[i]] ? unique[slot[i]].clone() : unique[slot[i]];
      handedOut[slot[i]] = true;
    }
    return out;
  }

  /**
   * Vectors for {@code texts} (input order) through {@code cache} when it is not null, else all
   * embedded with {@code embedder} in one call (then nothing counts as reused).
   */
  public static Result embedAll(EmbeddingCache cache, List<String> texts, Embedder embedder) {
    return embedAll(cache, texts, embedder, null);
  }

  /** {@link #embedAll(EmbeddingCache, List, Embedder)} reporting to {@code progress} (may be null). */
  public static Result embedAll(EmbeddingCache cache, List<String> texts, Embedder embedder, IndexingProgress progress) {
    if (cache != null) return cache.embedAll(texts, embedder, progress);
    float[][] vectors = embedInChunks(texts, embedder, progress);
    return new Result(vectors, 0, vectors.length);
  }

  static String key(String model, String text) {
    MessageDigest md = OrtSessionFactory.sha256();
    md.update(model.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private Map<String, float[]> load(Path file, int dim) {
    Map<String, float[]> map = new HashMap<>();
    if (!Files.exists(file)) return map;
    try {
      byte[] all = Files.readAllBytes(file);
      ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.BIG_ENDIAN);
      if (all.length < HEADER + 8 || !ByteBuffer.wrap(all, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
        return ignore(file, "bad magic or too short (" + all.length + " bytes)");
      }
      int fileDim = b.getInt(MAGIC.length);
      int count = b.getInt(MAGIC.length + 4);
      long expected = HEADER + (long) count * (32 + 4L * fileDim) + 8;
      if (fileDim != dim || count < 0 || expected != all.length) {
        return ignore(file, "dimension " + fileDim + " (want " + dim + "), count " + count + ", length "
            + all.length + " (want " + expected + ")");
      }
      CRC32 crc = new CRC32();
      crc.update(all, 0, all.length - 8);
      if (crc.getValue() != b.getLong(all.length - 8)) return ignore(file, "checksum mismatch");
      b.position(HEADER);
      byte[] k = new byte[32];
      for (int i = 0; i < count; i++) {
        b.get(k);
        float[] v = new float[dim];
        b.asFloatBuffer().get(v);
        b.position(b.position() + 4 * dim);
        map.put(HexFormat.of().formatHex(k), v);
      }
      return map;
    } catch (IOException e) {
      return ignore(file, e.toString());
    }
  }

  private static Map<String, float[]> ignore(Path file, String why) {
    LOG.warning("ignoring embedding cache " + file + ": " + why + "; embeddings will be recomputed");
    return new HashMap<>();
  }

  private void save(Path file, int dim, String[] keys, float[][] vectors) {
    try {
      Files.createDirectories(dir);
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      CRC32 crc = new CRC32();
      try (var raw = Files.newOutputStream(tmp);
          var checked = new java.util.zip.CheckedOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16), crc);
          var out = new DataOutputStream(checked)) {
        out.write(MAGIC);
        out.writeInt(dim);
        out.writeInt(keys.length);
        for (int i = 0; i < keys.length; i++) {
          out.write(HexFormat.of().parseHex(keys[i]));
          for (float f : vectors[i]) out.writeFloat(f);
        }
        out.flush();
        new DataOutputStream(raw).writeLong(crc.getValue());
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warning("cannot write embedding cache " + file + ": " + e + "; continuing without it");
    }
  }
}
