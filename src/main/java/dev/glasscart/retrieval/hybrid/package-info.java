/**
 * Hybrid retrieval: {@link dev.glasscart.retrieval.hybrid.HybridRetriever} asks a lexical and a
 * semantic retriever and merges their lists with a {@link dev.glasscart.retrieval.hybrid.Fuser}:
 * reciprocal rank fusion ({@code RrfFuser}) or a normalized score blend ({@code ScoreBlendFuser}).
 * Fused candidates keep both sides' signals and add {@code lexical_part} and {@code
 * semantic_part}, which sum to the fused score.
 *
 * <p>To add a fusion method, implement {@code Fuser} on top of the package's {@code Fusion} merge,
 * which enforces the contract (parts add up, ties by rank), and compare it with {@code
 * HybridSweep}-style measurement on crowdflower (docs/retrieval.md).
 */
package dev.glasscart.retrieval.hybrid;
