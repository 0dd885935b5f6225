package dev.glasscart.retrieval.dense;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exact top-k on the accelerator: a small in-memory ONNX graph ({@link OnnxGraph}: MatMul + TopK)
 * whose initializer is the transposed catalog matrix, so the matrix is uploaded once and stays on
 * the device; each query sends d floats and gets k scores and indices back. Runs on the provider
 * given ({@link ExecutionDevice#CUDA} in production via {@link VectorIndexFactory#forDevice}; CPU in
 * tests, which proves the graph since only the provider differs). Thread-safe; close it to free the
 * device memory. TopK's order among exactly equal scores is the provider's, not guaranteed by row.
 */
public final class GpuVectorIndex implements VectorIndex {
  private final List<String> ids;
  private final int dimension;
  private final OrtSessionFactory.Loaded loaded;

  public GpuVectorIndex(List<String> ids, float[] matrix, int dimension, ExecutionDevice device) {
    Matrices.check(ids, matrix, dimension);
    if (ids.isEmpty()) throw new IllegalArgumentException("GPU vector index needs at least one row");
    this.ids = List.copyOf(ids);
    this.dimension = dimension;
    byte[] model = OnnxGraph.matMulTopK(matrix, ids.size(), dimension);
    this.loaded = OrtSessionFactory.open(model, device, null);
  }

  /** The provider the graph really runs on. */
  public ExecutionDevice device() {
    return loaded.device();
  }

  @Override
  public List<Hit> topK(float[] query, int k) {
    Matrices.checkQuery(query, dimension);
    int kk = Math.min(Math.max(k, 0), ids.size());
    if (kk == 0) return List.of();
    var env = loaded.env();
    try (OnnxTensor q = OnnxTensor.createTensor(env, FloatBuffer.wrap(query), new long[] {1, dimension});
        OnnxTensor kt = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {kk}), new long[] {1});
        OrtSession.Result r = loaded.session().run(Map.of("query", q, "k", kt))) {
      float[] values = ((float[][]) r.get("values").orElseThrow().getValue())[0];
      long[] indices = ((long[][]) r.get("indices").orElseThrow().getValue())[0];
      List<Hit> hits = new ArrayList<>(kk);
      for (int i = 0; i < kk; i++) hits.add(new Hit(ids.get((int) indices[i]), (int) indices[i], values[i]));
      return hits;
    } catch (OrtException e) {
      throw new IllegalStateException("top-" + kk + " search on " + loaded.device() + " failed", e);
    }
  }

  @Override
  public int size() {
    return ids.size();
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public void close() {
    try {
      loaded.session().close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close GPU vector index session", e);
    }
  }
}
