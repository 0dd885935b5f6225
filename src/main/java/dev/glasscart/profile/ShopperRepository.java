package dev.glasscart.profile;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Durable shoppers: who they are (only hashes of their tokens and customer ids are stored), their
 * profile, and everything stored about them. Implementations never block the calling event loop.
 */
public interface ShopperRepository {

  /** A stored shopper and their profile. */
  record Shopper(String id, ShopperProfile profile) {}

  /** The shopper whose token hashes to {@code tokenHash}, if any. */
  Future<Optional<Shopper>> byToken(String tokenHash);

  /**
   * The shopper of the shop's customer whose id hashes to {@code customerHash}, created if new,
   * with {@code tokenHash} added as one more token that authorises them. Like {@link #create},
   * the commit need not wait for the disk.
   */
  Future<Shopper> forCustomer(String customerHash, String tokenHash);

  /**
   * A new anonymous shopper authorised by {@code tokenHash}. The commit need not wait for the
   * disk: the shopper and token must be durable at the latest when a turn of one of their
   * conversations is saved (a crash before then may lose them; the token is then unknown).
   */
  Future<Shopper> create(String tokenHash);

  /** Stores the shopper's profile (a shopper deleted meanwhile stays deleted). */
  Future<Void> saveProfile(String shopperId, ShopperProfile profile);

  /** The shopper of a stored conversation, if it has one. */
  Future<Optional<Shopper>> ofConversation(String conversationId);

  /** Ties a conversation to its shopper. */
  Future<Void> assign(String conversationId, String shopperId);

  /**
   * As JSON text: {@code since}, the stored {@code profile} ({@link ShopperProfile#toMap}'s form)
   * and the shopper's {@code conversations} (conversationId, startedAt, updatedAt, turns,
   * firstMessage), newest first.
   */
  Future<String> summary(String shopperId);

  /**
   * Every stored row about the shopper, as JSON text: {@code shopper}, {@code profile},
   * {@code tokens} (hashes), {@code conversations} with their turns and feedback.
   */
  Future<String> export(String shopperId);

  /**
   * Deletes the shopper with their tokens, profile, conversations, turns and feedback in one
   * transaction; completes with the ids of the conversations deleted (for evicting caches).
   */
  Future<List<String>> erase(String shopperId);

  /**
   * Deletes every conversation (with its turns and feedback) not updated for {@code age};
   * completes with the ids deleted.
   */
  Future<List<String>> deleteConversationsOlderThan(Duration age);
}
