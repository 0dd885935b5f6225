package dev.glasscart.server;

import dev.glasscart.profile.LiveProfile;
import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.profile.ShopperRepository;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who a shopper is and their live profile. A shopper is identified by an anonymous token the
 * server issues (192 random bits from {@code SecureRandom}, the same generator as resume tokens;
 * only its SHA-256 is stored) or, when a shop passes its own customer id through the embed
 * snippet, by that id keyed-hashed with the server's secret (HMAC-SHA256; the id itself is never
 * stored), with a token issued for it too so the shopper can read and delete their data.
 *
 * <p>Live profiles are cached per shopper (least recently used beyond {@link #MAX_LIVE}), so a
 * shopper's open conversations share one. Non-blocking; thread-safe.
 */
final class Shoppers {
  /** Most shopper profiles kept in memory. */
  static final int MAX_LIVE = 10_000;
  /** What a shopper token looks like (base64url); anything else is treated as no token. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");
  /** Longest customer id a shop may pass. */
  static final int MAX_CUSTOMER_ID = 200;

  private final ShopperRepository repository;
  private final byte[] customerKey;
  private final Map<String, LiveProfile> live = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, LiveProfile> eldest) {
      return size() > MAX_LIVE;
    }
  });

  Shoppers(ShopperRepository repository, byte[] customerKey) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.customerKey = customerKey.clone();
    if (this.customerKey.length < 16) throw new IllegalArgumentException("the customer id key must have at least 16 bytes");
  }

  ShopperRepository repository() {
    return repository;
  }

  /** A shopper's live profile and, when the server just issued one, the token to give the client. */
  record Identified(LiveProfile profile, String issuedToken) {}

  /**
   * The shopper a {@code message} frame speaks for: the one {@code token} authorises, else the
   * shop's customer {@code customerId} (created if new), else a new anonymous shopper. A token
   * the server does not know (malformed, or its shopper deleted their data) gets a new one.
   */
  Future<Identified> identify(String token, String customerId) {
    if (token != null && TOKEN.matcher(token).matches()) {
      return repository.byToken(LiveConversations.resumeTokenHash(token)).compose(found -> found.isPresent()
          ? Future.succeededFuture(new Identified(live(found.get()), null))
          : issue(customerId));
    }
    return issue(customerId);
  }

  private Future<Identified> issue(String customerId) {
    String token = LiveConversations.newResumeToken();
    String tokenHash = LiveConversations.resumeTokenHash(token);
    Future<ShopperRepository.Shopper> shopper = validCustomerId(customerId)
        ? repository.forCustomer(customerHash(customerId), tokenHash)
        : repository.create(tokenHash);
    return shopper.map(s -> new Identified(live(s), token));
  }

  static boolean validCustomerId(String id) {
    return id != null && !id.isBlank() && id.length() <= MAX_CUSTOMER_ID && Protocol.controlCharacter(id) < 0;
  }

  /** The stored form of a shop's customer id: HMAC-SHA256 with the server's key, hex. */
  String customerHash(String customerId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(customerKey, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(("customer:" + customerId).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shopper id {@code bearerToken} authorises, if any. */
  Future<Optional<String>> authorise(String bearerToken) {
    if (bearerToken == null || !TOKEN.matcher(bearerToken).matches()) return Future.succeededFuture(Optional.empty());
    return repository.byToken(LiveConversations.resumeTokenHash(bearerToken)).map(s -> s.map(ShopperRepository.Shopper::id));
  }

  /** The live profile of a stored conversation's shopper, if it has one. */
  Future<Optional<LiveProfile>> ofConversation(String conversationId) {
    return repository.ofConversation(conversationId).map(s -> s.map(this::live));
  }

  /**
   * Reads the profile of a stored conversation's shopper again (another server may have taught it
   * since) into the live one, unless that has a change of its own not stored yet.
   */
  Future<Void> reload(String conversationId) {
    return repository.ofConversation(conversationId).map(s -> {
      s.ifPresent(found -> cached(found.id()).ifPresent(p -> p.reloaded(found.profile())));
      return null;
    });
  }

  /** The live profile of {@code shopperId} if it is in memory. */
  Optional<LiveProfile> cached(String shopperId) {
    return Optional.ofNullable(live.get(shopperId));
  }

  private LiveProfile live(ShopperRepository.Shopper s) {
    synchronized (live) {
      LiveProfile p = live.get(s.id());
      if (p == null) {
        p = new LiveProfile(s.id(), s.profile());
        live.put(s.id(), p);
      }
      return p;
    }
  }

  /** Stores {@code profile} when it changed since it was last stored. */
  Future<Void> saveIfChanged(LiveProfile profile) {
    Optional<LiveProfile.Pending> pending = profile.unsaved();
    if (pending.isEmpty()) return Future.succeededFuture();
    return repository.saveProfile(profile.shopperId(), pending.get().profile())
        .onSuccess(v -> profile.saved(pending.get().version()));
  }

  /** Clears the shopper's profile, in memory and stored. */
  Future<Void> clearProfile(String shopperId) {
    cached(shopperId).ifPresent(LiveProfile::clear);
    return repository.saveProfile(shopperId, ShopperProfile.EMPTY)
        .onSuccess(v -> cached(shopperId).ifPresent(p -> p.unsaved().ifPresent(x -> p.saved(x.version()))));
  }

  /** Drops the shopper from memory for good (their data was deleted). */
  void evict(String shopperId) {
    LiveProfile p = live.remove(shopperId);
    if (p != null) p.erase();
  }
}
