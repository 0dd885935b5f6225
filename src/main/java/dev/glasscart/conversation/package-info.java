/**
 * Conversation understanding across turns (issue #5): what the shopper wants now, given what
 * they said before and what they were shown.
 *
 * <p>Per turn the caller holds one {@link dev.glasscart.conversation.DialogueState} per
 * conversation and calls {@link dev.glasscart.conversation.Understander#understand}; after
 * ranking it records the shown products with {@code state.shown(...)} and enforces the hard
 * constraints with {@link dev.glasscart.conversation.ConstraintFilter#apply}. Words come from
 * the catalog itself ({@link dev.glasscart.conversation.CatalogVocabulary}); price, rating,
 * stock and sort phrases from {@code PhraseRules}; LLM proposals are validated by
 * {@link dev.glasscart.conversation.LlmProposals}.
 *
 * <pre>{@code
 * CatalogVocabulary vocab = CatalogVocabulary.from(catalog);          // once per catalog snapshot
 * CatalogMeanings meanings = CatalogMeanings.of(vocab, embedder);      // category names; blocking
 * // later, in the background: meanings.learnTags(); meanings.learnBrands(catalog); meanings.learnTitles(catalog, titleVectorById);
 * Understander understander = new Understander(vocab, catalog, meanings); // thread-safe, shared
 * ConstraintFilter filter = new ConstraintFilter(catalog);            // thread-safe, shared
 * DialogueState state = new DialogueState();                          // one per conversation
 * Understanding u = understander.understand(state, text, turn);       // or (..., llmProposalsJson)
 * ConstraintFilter.Result r = filter.apply(rankedCandidates, u.constraints());
 * // r.products(): kept, SORT applied; r.note(): why nothing fits; page with u.page()
 * state.shown(productsShownThisTurn);
 * state.remove(constraint);  // remove_constraint, then filter with state.understanding()
 * }</pre>
 *
 * <p>Words the vocabulary does not spell ("cologne", "motorbike") reach the catalog's categories
 * by meaning through {@link dev.glasscart.conversation.CatalogMeanings} (sentence embeddings of
 * category names, tags and title centroids; thresholds calibrated by {@code MeaningCalibration},
 * {@code ./glasscart bench meanings}). {@code UnderstandingBenchmark} ({@code ./glasscart bench
 * understanding}) measures vocabulary build, the mapping's import cost, understanding and
 * filtering over a 10,000-product catalog.
 *
 * <p>Chinese: {@code Words} makes one token per CJK character, so the vocabulary's longest-match
 * scan finds Chinese catalog words in unspaced text; {@code ChinesePhrases} holds every Chinese
 * phrase rule (prices and numerals, sorts, relative wishes, negation, more, reset) and hands the
 * rest to {@code PhraseRules}; {@link dev.glasscart.query.Language#detect} tells the languages apart.
 * With the Chinese encoder, runs of CJK characters no catalog word covers reach the meaning mapping
 * ({@code CatalogMeanings.Thresholds}: its own cosine scale), and {@code BrandNames} maps a brand's
 * Chinese name to the catalog's Latin spelling (the encoder's nearest brand with a clear lead, guarded
 * by which brands' products mention the word), for includes, excludes and references alike. Without
 * any encoder, {@code LexiconBrands} gives each Latin-spelt brand the Chinese names a bilingual
 * dictionary has for it ({@code BilingualLexicon}: the CC-CEDICT extract in models/lexicon/), as
 * vocabulary phrases of the brand, guarded by what the catalog writes. Notes and relaxation offers
 * ({@code RelaxationNotes}, {@code ConstraintFilter#whyNone}) are worded in the shopper's language.
 *
 * <p>To extend: a new phrase family without catalog words goes into {@code PhraseRules} (a
 * pattern plus what it yields); a new catalog-derived alias rule into
 * {@code CatalogVocabulary.index}; a new context rule into {@code DialogueState.refine}. All
 * classes here are plain synchronous Java; only the persistence contracts
 * ({@code ConversationRepository}, {@code FeedbackStore}) return Vert.x futures, and no class here
 * holds Vert.x JSON: a {@code TurnRecord} keeps the turn's payloads as JSON text plus the result
 * ids the domain reads. A {@code ConversationSession} is confined to one thread at a time and
 * changed only by committing a turn's {@code Draft}.
 */
package dev.glasscart.conversation;
