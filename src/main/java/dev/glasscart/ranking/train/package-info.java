/**
 * Training the ranker: {@link dev.glasscart.ranking.train.TrainingSet} turns an eval dataset and a
 * retriever into judged candidate lists, {@link dev.glasscart.ranking.train.LambdaRankTrainer}
 * fits the linear model (LambdaRank gradient, deterministic), {@link
 * dev.glasscart.ranking.train.CrossValidation} reports k-fold held-out nDCG@10 split by query, and
 * {@link dev.glasscart.ranking.train.TrainCommand} is {@code glasscart train}. To try another
 * learner, produce a {@code RankerModel} from the same {@code PreparedQuery} lists and compare it
 * with {@code CrossValidation}. Blocking CPU work; no shared mutable state.
 */
package dev.glasscart.ranking.train;
