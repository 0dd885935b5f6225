/**
 * Offline retrieval evaluation: test collections ({@link dev.glasscart.eval.Dataset}, TREC qrels),
 * metrics (nDCG@10, recall@100, MRR@10), TREC run files, latency percentiles, and the {@code
 * glasscart eval} command ({@link dev.glasscart.eval.EvalCommand}). Benchmarks that sweep
 * configurations are mains here too ({@code LexicalSweep}).
 *
 * <p>To evaluate a new mode, add it to {@code EvalOptions.Mode} and build its retriever in
 * {@link dev.glasscart.eval.EvalSystems}, which {@code glasscart train} also uses, so the ranker
 * is trained on the same candidates that eval measures. Everything here blocks; nothing touches Vert.x.
 */
package dev.glasscart.eval;
