/**
 * Catalog search on a SolrCloud cluster, behind the same {@link dev.glasscart.retrieval.Retriever}
 * seam as the in-process indexes ({@code --search-engine solr}; docs/engine.md): {@code SolrNodes}
 * (the engine's HTTP/JSON API over {@code java.net.http}, failing over between live nodes),
 * {@code SolrSchema} (the configset, written from the in-process index's fields and analysis),
 * {@code SolrCatalogIndex} (collections named by a fingerprint, bulk indexing, the alias swapped in
 * one step, live changes), {@code SolrBm25Retriever} (the in-process BM25 query, term for term,
 * with per-field signals from the engine's explanations) and {@code SolrDenseRetriever} (k-NN over
 * the embeddings Glasscart computed). {@code SearchEngine} holds the two settings. No Solr or
 * Lucene 9 class is on Glasscart's classpath: the engine runs in its own JVM ({@code engine/}).
 *
 * <p>Everything here blocks on the network: call it on a worker or virtual thread, never an event loop.
 */
package dev.glasscart.retrieval.engine;
