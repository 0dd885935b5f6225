/**
 * The shopper's profile (issue #16): what Glasscart has learned about one shopper's taste from what
 * they said, opened and rated, across conversations, and how it fades.
 *
 * <p>{@link dev.glasscart.profile.ShopperProfile} is an immutable snapshot: brand, category and
 * attribute preferences (each a signed weight with the time it was last changed) and a usual
 * price band. Weights decay with a half-life of {@link dev.glasscart.profile.ShopperProfile#HALF_LIFE}
 * (30 days): evidence a month old counts half. {@link dev.glasscart.profile.ProfileLearner} turns
 * a turn's events (stated constraints, a "Why this?" opened, a thumbs up or down) into profile
 * updates. {@link dev.glasscart.profile.LiveProfile} is the one mutable holder a shopper's open
 * conversations share. {@link dev.glasscart.profile.ShopperRepository} is the storage contract
 * (PostgreSQL in {@code storage}); {@link dev.glasscart.profile.PersonalData} masks e-mail
 * addresses, phone numbers and card numbers in shopper text before it is logged or stored.
 *
 * <p>The ranker reads a snapshot through {@code ranking.ProfileFeatures} (the {@code profile_...}
 * features). Depends on {@code catalog} and {@code query} only (plus Vert.x futures in the
 * storage contract, whose summary and export are JSON text: no Vert.x JSON here; the stored
 * profile is {@code ShopperProfile.toMap}'s plain maps); everything but the repository is plain,
 * thread-safe Java.
 */
package dev.glasscart.profile;
