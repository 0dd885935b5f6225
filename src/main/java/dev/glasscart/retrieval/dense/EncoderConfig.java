package dev.glasscart.retrieval.dense;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How an ONNX sentence encoder is driven.
 *
 * @param pooling how token vectors are pooled
 * @param normalize whether output vectors are scaled to unit L2 norm
 * @param maxLength the most tokens per text, {@code [CLS]} and {@code [SEP]} included; longer texts
 *     are truncated. 96 by default, chosen by measurement (docs/dense.md): product text puts
 *     title, brand, category and attributes first, so only description is cut; on crowdflower
 *     hybrid nDCG@10 matches 256 tokens (the model's trained limit; within 0.001, mean over two
 *     batch sizes) at ~1.7x the encoder speed, while 64 tokens loses ~0.006.
 * @param batchSize texts per ONNX run when embedding many texts (length-sorted, so batches pad
 *     little); 8 by default: fastest per CPU-second measured on the CPU provider (batch 32 is ~12 %
 *     slower, batch 1 ~22 % slower)
 * @param parallelBatches how many batches run at once when embedding many texts on the CPU (each
 *     ONNX run uses one thread there); 0, the default, means one per available processor. Batches
 *     and their contents do not depend on it, so neither do the vectors.
 */
public record EncoderConfig(Pooling pooling, boolean normalize, int maxLength, int batchSize, int parallelBatches) {
  public static final int DEFAULT_MAX_LENGTH = 96;
  public static final int DEFAULT_BATCH_SIZE = 8;
  /** File name of the optional settings file in a model directory. */
  public static final String FILE_NAME = "glasscart-encoder.json";

  public EncoderConfig {
    if (pooling == null) throw new IllegalArgumentException("pooling must not be null");
    if (maxLength < 2 || maxLength > 8192) {
      throw new IllegalArgumentException("illegal maxLength " + maxLength + ", must be between 2 and 8192");
    }
    if (batchSize < 1 || batchSize > 4096) {
      throw new IllegalArgumentException("illegal batchSize " + batchSize + ", must be between 1 and 4096");
    }
    if (parallelBatches < 0 || parallelBatches > 256) {
      throw new IllegalArgumentException("illegal parallelBatches " + parallelBatches + ", must be between 0 (one per processor) and 256");
    }
  }

  public EncoderConfig(Pooling pooling, boolean normalize, int maxLength, int batchSize) {
    this(pooling, normalize, maxLength, batchSize, 0);
  }

  /** Batches in flight: {@link #parallelBatches}, or the number of available processors for 0. */
  public int effectiveParallelBatches() {
    return parallelBatches > 0 ? parallelBatches : Runtime.getRuntime().availableProcessors();
  }

  /** Mean pooling, normalized, 96 tokens, batch 8, one batch in flight per processor (docs/dense.md). */
  public static EncoderConfig defaults() {
    return new EncoderConfig(Pooling.MEAN, true, DEFAULT_MAX_LENGTH, DEFAULT_BATCH_SIZE);
  }

  public EncoderConfig withBatchSize(int size) {
    return new EncoderConfig(pooling, normalize, maxLength, size, parallelBatches);
  }

  public EncoderConfig withMaxLength(int tokens) {
    return new EncoderConfig(pooling, normalize, tokens, batchSize, parallelBatches);
  }

  public EncoderConfig withParallelBatches(int batches) {
    return new EncoderConfig(pooling, normalize, maxLength, batchSize, batches);
  }

  /**
   * Reads {@code glasscart-encoder.json} in {@code modelDir} ({@code {"pooling":"mean|cls",
   * "normalize":true, "maxLength":96, "batchSize":8, "parallelBatches":0}}, every key optional), or the defaults when
   * the file is absent.
   */
  public static EncoderConfig read(Path modelDir) {
    Path file = modelDir.resolve(FILE_NAME);
    EncoderConfig d = defaults();
    if (!Files.exists(file)) return d;
    try {
      JsonNode n = new ObjectMapper().readTree(file.toFile());
      return new EncoderConfig(
          n.has("pooling") ? Pooling.parse(n.get("pooling").asText()) : d.pooling(),
          n.path("normalize").asBoolean(d.normalize()),
          n.path("maxLength").asInt(d.maxLength()),
          n.path("batchSize").asInt(d.batchSize()),
          n.path("parallelBatches").asInt(d.parallelBatches()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read encoder settings " + file, e);
    }
  }
}
