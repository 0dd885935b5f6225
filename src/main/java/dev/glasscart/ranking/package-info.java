/**
 * Explainable reranking: an additive model over named features whose per-feature contributions
 * add up to each product's score exactly, with words for people.
 *
 * <p>{@link dev.glasscart.ranking.Feature} lists the features (stable names, transforms);
 * {@link dev.glasscart.ranking.FeatureExtractor} computes them from a candidate's retrieval signals,
 * the product and the shopper's constraints; {@link dev.glasscart.ranking.FeatureLabels} puts them
 * in words; {@link dev.glasscart.ranking.AdditiveRanker} weighs and sorts;
 * {@link dev.glasscart.ranking.RankerModel} holds weights and scales and reads/writes
 * {@code models/ranker.json}. Training lives in {@code dev.glasscart.ranking.train}.
 *
 * <p>To add a feature: add a constant to {@code Feature} (append, names are stable), compute it in
 * {@code FeatureExtractor}, label it in {@code FeatureLabels}, give it a hand-set weight in
 * {@code RankerModel.untrained()}, and retrain ({@code glasscart train}). Old model files stay
 * loadable: a feature a file does not list weighs 0. Everything here is pure, synchronous Java,
 * thread-safe, and blocks only when reading or writing model files.
 */
package dev.glasscart.ranking;
