package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EmbeddingCacheTest {
  /** Counts the texts the real encoder is asked to embed. */
  private static final class CountingEmbedder implements Embedder {
    final AtomicInteger texts = new AtomicInteger();
    private final Embedder real = SharedEncoder.get();

    @Override
    public float[][] embed(List<String> t) {
      texts.addAndGet(t.size());
      return real.embed(t);
    }

    @Override
    public int dimension() {
      return real.dimension();
    }

    @Override
    public String name() {
      return real.name();
    }
  }

  private static final List<String> TEXTS = List.of("red cotton t-shirt. Apparel", "wireless mouse. Electronics",
      "cast iron skillet 12 inch. Kitchen", "yoga mat, non-slip. Sports");

  @Test
  void should_reuse_cached_vectors_after_restart_and_embed_only_changed_texts(@TempDir Path dir) {
    // Given a first run that embeds everything
    CountingEmbedder e = new CountingEmbedder();
    EmbeddingCache.Result first = new EmbeddingCache(dir).embedAll(TEXTS, e);
    assertEquals(4, first.embedded());
    // When a new cache instance (a restart) sees the same texts, then one changed text
    EmbeddingCache.Result again = new EmbeddingCache(dir).embedAll(TEXTS, e);
    List<String> changed = new ArrayList<>(TEXTS);
    changed.set(2, "cast iron skillet 10 inch. Kitchen");
    EmbeddingCache.Result third = new EmbeddingCache(dir).embedAll(changed, e);
    // Then nothing is re-embedded the second time, only the changed text the third time
    assertEquals(4, again.reused());
    assertEquals(0, again.embedded());
    assertEquals(3, third.reused());
    assertEquals(1, third.embedded());
    assertEquals(5, e.texts.get());
    for (int i = 0; i < 4; i++) assertArrayEquals(first.vectors()[i], again.vectors()[i], 0f);
    assertArrayEquals(first.vectors()[1], third.vectors()[1], 0f);
  }

  @Test
  void should_embed_each_distinct_text_once_and_give_every_copy_its_vector(@TempDir Path dir) {
    // Given texts where variants repeat (same title, other size or price), across more than a chunk
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < EmbeddingCache.CHUNK + 40; i++) texts.add("trail shoe model " + (i % 100) + (i % 3 == 0 ? " waterproof" : ""));
    long distinct = texts.stream().distinct().count();
    CountingEmbedder e = new CountingEmbedder();
    IndexingProgress progress = new IndexingProgress(texts.size());

    // When they are embedded with progress, and without a cache
    EmbeddingCache.Result r = new EmbeddingCache(dir).embedAll(texts, e, progress);
    float[][] uncached = EmbeddingCache.embedAll(null, texts, e).vectors();

    // Then each distinct text went to the encoder once per run, and the progress counted every copy
    assertEquals(2 * distinct, e.texts.get());
    assertEquals(texts.size(), r.embedded());
    assertEquals(texts.size(), progress.snapshot().done());
    // and every text got its own text's vector: the one the encoder gives it alone, up to the
    // quantized model's dependence on the rest of its batch (cosine > 0.99), in its own array
    for (int i = 0; i < texts.size(); i++) {
      float[] alone = SharedEncoder.get().embed(List.of(texts.get(i)))[0];
      assertTrue(cosine(alone, r.vectors()[i]) > 0.99, texts.get(i) + ": " + cosine(alone, r.vectors()[i]));
      assertTrue(cosine(uncached[i], r.vectors()[i]) > 0.99, texts.get(i));
      for (int j = 0; j < i; j++) {
        if (texts.get(j).equals(texts.get(i))) {
          assertArrayEquals(r.vectors()[j], r.vectors()[i], 0f);
          assertTrue(r.vectors()[j] != r.vectors()[i], "copies share no array");
        }
      }
    }
  }

  @Test
  void should_report_progress_in_chunks_and_stop_when_cancelled(@TempDir Path dir) {
    // Given more texts than one chunk, two of them cached already
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < EmbeddingCache.CHUNK + 10; i++) texts.add("product number " + i);
    CountingEmbedder e = new CountingEmbedder();
    new EmbeddingCache(dir).embedAll(texts.subList(0, 2), e);

    // When they are embedded with progress tracked
    IndexingProgress progress = new IndexingProgress(texts.size());
    EmbeddingCache.Result r = new EmbeddingCache(dir).embedAll(texts, e, progress);

    // Then the cached ones were reused and the count reached the total
    assertEquals(2, r.reused());
    assertEquals(texts.size(), progress.snapshot().done());
    assertTrue(progress.snapshot().perSecond() > 0);

    // And a cancelled run stops before embedding anything more, leaving the cache as it was
    IndexingProgress cancelled = new IndexingProgress(texts.size() + 1);
    cancelled.cancel();
    List<String> more = new ArrayList<>(texts);
    more.add("one more product");
    int before = e.texts.get();
    assertThrows(CancellationException.class, () -> new EmbeddingCache(dir).embedAll(more, e, cancelled));
    assertEquals(before, e.texts.get());
    assertEquals(texts.size(), new EmbeddingCache(dir).embedAll(texts, e).reused());
  }

  @Test
  void should_ignore_truncated_or_corrupted_files(@TempDir Path dir) throws Exception {
    CountingEmbedder e = new CountingEmbedder();
    EmbeddingCache cache = new EmbeddingCache(dir);
    cache.embedAll(TEXTS, e);
    Path file = cache.file(e.name());
    byte[] good = Files.readAllBytes(file);
    // Given a file cut short (a crash mid-write without the atomic rename)
    Files.write(file, java.util.Arrays.copyOf(good, good.length - 100));
    assertEquals(4, new EmbeddingCache(dir).embedAll(TEXTS, e).embedded());
    // Given a file of the right length with one flipped bit in a vector
    byte[] flipped = Files.readAllBytes(file);
    flipped[flipped.length / 2] ^= 0x10;
    Files.write(file, flipped);
    EmbeddingCache.Result r = new EmbeddingCache(dir).embedAll(TEXTS, e);
    // Then both are detected and everything is embedded again, and the file is healthy afterwards
    assertEquals(4, r.embedded());
    assertEquals(4, new EmbeddingCache(dir).embedAll(TEXTS, e).reused());
  }

  @Test
  void should_key_by_model_name_and_text() {
    assertEquals(64, EmbeddingCache.key("m", "t").length());
    assertEquals(EmbeddingCache.key("m", "t"), EmbeddingCache.key("m", "t"));
    org.junit.jupiter.api.Assertions.assertNotEquals(EmbeddingCache.key("m", "t"), EmbeddingCache.key("m2", "t"));
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
