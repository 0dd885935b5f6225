package dev.glasscart.explanation;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Money;
import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.profile.ShopperProfile.Kind;
import dev.glasscart.profile.ShopperProfile.Preference;
import dev.glasscart.profile.ShopperProfile.PriceBand;
import dev.glasscart.query.Chat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers "what do you know about me?" from the turn's {@link Evidence#profile()} (each sentence
 * on the profile entries it names) and confirms "forget my preferences", in English or Chinese.
 * Pure and thread-safe.
 */
final class ProfileComposer {
  private ProfileComposer() {}

  /** The answer to a {@link Chat#PROFILE} or {@link Chat#FORGET_PROFILE} turn. */
  static List<Claim> compose(Evidence e, boolean chinese) {
    Fact basis = Fact.of("", "chat", e.understanding().chat().name());
    if (e.understanding().chat() == Chat.FORGET_PROFILE) {
      return List.of(Claim.of(chinese ? "好的，我已忘记您的偏好，之后的推荐将重新开始。"
          : "Done: I have forgotten your preferences, so your next searches start fresh.", basis));
    }
    Instant now = Instant.now();
    ShopperProfile p = e.profile();
    List<Claim> out = new ArrayList<>();
    List<Preference> prefs = p.current(now);
    Optional<PriceBand> band = p.currentPrice(now);
    if (prefs.isEmpty() && band.isEmpty()) {
      out.add(Claim.of(chinese ? "我还不了解您的喜好：我会从您提出的要求、查看的理由和评价中学习。"
          : "I don't know your taste yet: I learn it from what you ask for, the reasons you open and what you rate.",
          basis, Fact.of("", "profile", "empty")));
      return out;
    }
    out.add(Claim.of(chinese ? "根据您之前的对话，我记得这些：" : "Here is what I have learned from our conversations:", basis));
    for (Kind kind : Kind.values()) {
      List<String> liked = new ArrayList<>();
      List<String> ruled = new ArrayList<>();
      List<Fact> facts = new ArrayList<>();
      for (Preference x : prefs) {
        if (x.kind() != kind) continue;
        String what = x.value() + (x.field().isEmpty() || x.field().equals("title") ? ""
            : chinese ? "（" + AttributeNames.inWords(x.field()) + "）" : " (" + AttributeNames.inWords(x.field()) + ")");
        (x.weightAt(now) > 0 ? liked : ruled).add(what);
        facts.add(Fact.of("", "profile:" + kind.name().toLowerCase(java.util.Locale.ROOT),
            (x.field().isEmpty() ? "" : x.field() + "=") + x.value()));
      }
      if (liked.isEmpty() && ruled.isEmpty()) continue;
      out.add(new Claim(sentence(kind, liked, ruled, chinese), facts));
    }
    band.ifPresent(b -> out.add(Claim.of(priceSentence(b, chinese),
        Fact.of("", "profile:price", b.low() + ".." + b.high()))));
    out.add(Claim.of(chinese ? "说“忘记我的偏好”即可清除，或在“您的偏好”面板中清除。"
        : "Say \"forget my preferences\" to clear them, or use the Your preferences panel.", basis));
    return out;
  }

  private static String sentence(Kind kind, List<String> liked, List<String> ruled, boolean chinese) {
    List<String> parts = new ArrayList<>();
    if (chinese) {
      String what = switch (kind) {
        case BRAND -> "品牌";
        case CATEGORY -> "品类";
        case ATTRIBUTE -> "款式";
      };
      if (!liked.isEmpty()) parts.add("您喜欢的" + what + "：" + String.join("、", liked));
      if (!ruled.isEmpty()) parts.add("您不要的" + what + "：" + String.join("、", ruled));
      return String.join("；", parts) + "。";
    }
    String what = switch (kind) {
      case BRAND -> "brands";
      case CATEGORY -> "kinds of product";
      case ATTRIBUTE -> "colours, sizes and materials";
    };
    if (!liked.isEmpty()) parts.add("you liked " + String.join(", ", liked));
    if (!ruled.isEmpty()) parts.add("you ruled out " + String.join(", ", ruled));
    return Wording.sentence(what + ": " + String.join("; ", parts));
  }

  private static String priceSentence(PriceBand b, boolean chinese) {
    double lo = b.low();
    double hi = b.high();
    String c = b.currency();
    if (chinese) {
      String range = Double.isFinite(lo) && Double.isFinite(hi) ? Money.formatChinese(lo, c) + "到" + Money.formatChinese(hi, c)
          : Double.isFinite(hi) ? Money.formatChinese(hi, c) + "以内" : Money.formatChinese(lo, c) + "以上";
      return "您常见的价格区间：" + range + "。";
    }
    String range = Double.isFinite(lo) && Double.isFinite(hi) ? Money.format(lo, c) + " to " + Money.format(hi, c)
        : Double.isFinite(hi) ? "up to " + Money.format(hi, c) : "from " + Money.format(lo, c);
    return "Your usual price range: " + range + ".";
  }
}
