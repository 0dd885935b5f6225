/**
 * Dense (embedding) retrieval: products and queries are encoded by an ONNX sentence encoder and
 * matched by exact cosine similarity.
 *
 * <p>What lives here: {@link dev.glasscart.retrieval.dense.Embedder} (contract) and {@link
 * dev.glasscart.retrieval.dense.OnnxEmbedder} (own ORT session, padded batches, pooling) with its
 * pure-Java {@link dev.glasscart.retrieval.dense.WordPieceTokenizer}; {@link
 * dev.glasscart.retrieval.dense.ExecutionDevice} (auto/cpu/cuda, GPU detection); {@link
 * dev.glasscart.retrieval.dense.VectorIndex} with {@link dev.glasscart.retrieval.dense.CpuVectorIndex}
 * (Java Vector API) and {@link dev.glasscart.retrieval.dense.GpuVectorIndex} (ONNX MatMul+TopK graph
 * on CUDA), chosen by {@link dev.glasscart.retrieval.dense.VectorIndexFactory}; {@link
 * dev.glasscart.retrieval.dense.EmbeddingCache} (persisted vectors keyed by text hash + model); and
 * {@link dev.glasscart.retrieval.dense.DenseRetriever}, the {@code Retriever} emitting signal {@code
 * dense}; {@link dev.glasscart.retrieval.dense.TitleSimilarityRetriever}, which adds signal {@code
 * dense_title} (query vs title-only embedding) to another retriever's candidates for the ranker; and
 * {@link dev.glasscart.retrieval.dense.MemoizingEmbedder}, which lets both embed a query once.
 *
 * <p>How to extend: another encoder is a directory with {@code model.onnx} + {@code tokenizer.json}
 * (+ {@code glasscart-encoder.json}) loaded by {@link
 * dev.glasscart.retrieval.dense.OnnxEmbedder#fromDirectory} (see models/README.md); a non-ONNX encoder
 * implements {@code Embedder}; an approximate index (HNSW) implements {@code VectorIndex} and is
 * passed as a {@code VectorIndexFactory}. Everything here is plain synchronous Java; encoding blocks,
 * so callers run it on worker or virtual threads.
 */
package dev.glasscart.retrieval.dense;
