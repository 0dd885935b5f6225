/**
 * {@link dev.glasscart.retrieval.stack.RetrievalStack}: the retrieval stack assembled once from
 * lexical, dense and hybrid, for the server and for eval and training alike.
 */
package dev.glasscart.retrieval.stack;
