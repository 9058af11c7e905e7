package com.waqup.payment.checkout;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.paging.Pagination;
import com.waqup.payment.config.PaymentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /api/v1/payments/checkout} and {@code POST /api/v1/credits/purchase} (docs/payments.md).
 * <p>
 * A free pack is claimed at once: a payment of 0 (provider {@code none}) and {@code payment.succeeded} through the
 * outbox in the same transaction; a second claim answers the first. A paid pack or a credit pack opens a Checkout
 * session with the provider ({@link PaymentMode}: Stripe, or the offline sandbox) and answers its URL; nothing is
 * granted until the provider's signed webhook says the session completed ({@link WebhookHandlers}). Buying a pack
 * one owns (or subscribes to) is 409 {@code ALREADY_OWNED}; buying one's own pack 409 {@code OWN_PACK}.
 */
@Service
public class CheckoutService {

    static final List<String> PRICE_TYPES = List.of("free", "one_time", "subscription");
    private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);

    private final OfferRepository offers;
    private final PurchaseRepository purchases;
    private final IntegrationEvents outbox;
    private final Clock clock;
    private final PaymentMode mode;
    private final CheckoutProvider provider;
    private final RedirectPolicy redirects;
    private final PaymentProperties properties;
    private final TransactionTemplate tx;

    CheckoutService(OfferRepository offers, PurchaseRepository purchases, IntegrationEvents outbox, Clock clock,
            PaymentMode mode, CheckoutProvider provider, RedirectPolicy redirects, PaymentProperties properties,
            TransactionTemplate tx) {
        this.offers = offers;
        this.purchases = purchases;
        this.outbox = outbox;
        this.clock = clock;
        this.mode = mode;
        this.provider = provider;
        this.redirects = redirects;
        this.properties = properties;
        this.tx = tx;
    }

    /** The seed's checkout answer; a free claim has no {@code checkout_url}/{@code session_id}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Checkout(boolean accessGranted, UUID packId, String priceType, UUID paymentId, boolean alreadyOwned,
            String checkoutUrl, String sessionId) {
    }

    /** The seed's credit purchase answer. */
    record CreditCheckout(String checkoutUrl, String sessionId, int creditsAmount) {
    }

    Checkout checkout(UUID userId, UUID packId, String priceType, String successUrl, String cancelUrl) {
        if (packId == null) {
            throw DomainException.invalidField("pack_id", "is required");
        }
        String type = priceType == null ? null : priceType.strip().toLowerCase(Locale.ROOT);
        if (type == null || !PRICE_TYPES.contains(type)) {
            throw DomainException.invalidField("price_type", "must be one of " + String.join(", ", PRICE_TYPES));
        }
        OfferRepository.Offer offer = offers.offer(packId).filter(OfferRepository.Offer::onSale)
                .orElseThrow(() -> DomainException.notFound("PACK_NOT_FOUND", "Pack " + packId + " not found"));
        if (!offer.priceType().equals(type)) {
            throw new DomainException(ErrorKind.CONFLICT, "PRICE_TYPE_MISMATCH",
                    "This pack is " + offer.priceType().replace('_', ' ') + ", not " + type.replace('_', ' '),
                    Map.of("price_type", offer.priceType()));
        }
        if ("free".equals(type)) {
            if (offer.creatorId().equals(userId)) {
                return new Checkout(true, packId, type, null, true, null, null); // a creator always has their own pack
            }
            return tx.execute(s -> claimFree(userId, offer));
        }
        if (offer.creatorId().equals(userId)) {
            throw DomainException.conflict("OWN_PACK", "This is your own pack: you have it already and cannot buy it");
        }
        RedirectPolicy.Redirects urls = redirects.check(successUrl, cancelUrl);
        Instant now = clock.instant();
        if ("subscription".equals(type) ? purchases.subscribed(userId, packId, now) : purchases.ownsOneTime(userId, packId)) {
            throw DomainException.conflict("ALREADY_OWNED", "subscription".equals(type)
                    ? "You are already subscribed to this pack" : "You already own this pack");
        }
        String interval = "subscription".equals(type) ? ("annual".equals(offer.subscriptionInterval()) ? "year" : "month") : null;
        String title = offer.title() == null || offer.title().isBlank() ? "waQup pack" : offer.title();
        PurchaseRepository.Session session = open(userId, "pack", packId, null, title, interval, offer.priceAmountMinor(),
                offer.currency(), urls, offer.revision(), offer.creatorId(), null, type);
        return new Checkout(false, packId, type, null, false, session.checkoutUrl(), session.id());
    }

    CreditCheckout purchaseCredits(UUID userId, String packType, String successUrl, String cancelUrl) {
        String type = packType == null ? "" : packType.strip().toLowerCase(Locale.ROOT);
        PaymentProperties.CreditPack pack = properties.creditPacks().get(type);
        if (pack == null) {
            throw DomainException.invalidField("pack_type", "must be one of " + String.join(", ", properties.creditPacks().keySet()));
        }
        RedirectPolicy.Redirects urls = redirects.check(successUrl, cancelUrl);
        String title = pack.credits() + " waQup credits (" + type + ")";
        PurchaseRepository.Session session = open(userId, "credit_pack", null, type, title, null, pack.priceMinor(),
                pack.currency(), urls, null, null, pack.credits(), "one_time");
        return new CreditCheckout(session.checkoutUrl(), session.id(), pack.credits());
    }

    private PurchaseRepository.Session open(UUID userId, String kind, UUID packId, String creditPack, String title,
            String interval, long amount, String currency, RedirectPolicy.Redirects urls, Integer revision,
            UUID creatorId, Integer credits, String priceType) {
        if (!mode.paidCheckout()) {
            throw DomainException.conflict("PAID_CHECKOUT_UNAVAILABLE",
                    "Paid checkout is not configured here (no Stripe key and no sandbox)");
        }
        int attempt = purchases.attempts(userId, kind, packId, creditPack);
        String key = idempotencyKey(userId, packId == null ? creditPack : packId.toString(), attempt);
        CheckoutProvider.ProviderSession opened = provider.create(new CheckoutProvider.SessionRequest(kind, userId, packId,
                creditPack, title, interval, amount, currency, urls.successUrl(), urls.cancelUrl(), key));
        PurchaseRepository.Session session = new PurchaseRepository.Session(opened.id(), userId, kind, packId, revision,
                creatorId, title, creditPack, credits, priceType, interval, amount, currency, mode.provider(),
                opened.url(), urls.successUrl(), urls.cancelUrl(), "open", clock.instant());
        if (!purchases.insertSession(session, attempt)) {
            log.info("checkout session {} answered again for the same attempt", opened.id());
        } else {
            log.info("checkout session {} opened ({}, {} {}) for {}", opened.id(), kind, amount, currency, userId);
        }
        return session;
    }

    /** Same person, same item, same attempt: the same key, so a retried request never opens a second session. */
    static String idempotencyKey(UUID userId, String item, int attempt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("checkout:" + userId + ":" + item + ":" + attempt).getBytes(StandardCharsets.UTF_8));
            return "waqup-checkout-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Checkout claimFree(UUID userId, OfferRepository.Offer offer) {
        UUID packId = offer.packId();
        Instant now = clock.instant();
        UUID paymentId = UUID.randomUUID();
        if (!offers.insertPackPayment(paymentId, userId, offer, "none", now)) {
            OfferRepository.Payment first = offers.packPayment(userId, packId).orElseThrow();
            log.info("pack {} claimed again by {}: answered with the first claim {}", packId, userId, first.id());
            return new Checkout(true, packId, "free", first.id(), true, null, null);
        }
        outbox.publish(PaymentSucceeded.TYPE, new PaymentSucceeded(paymentId, userId, "pack", packId, offer.revision(),
                offer.creatorId(), null, null, "free", 0, offer.currency(), "none", null, now, null, null));
        log.info("free pack {} (revision {}) claimed by {} as payment {}", packId, offer.revision(), userId, paymentId);
        return new Checkout(true, packId, "free", paymentId, false, null, null);
    }

    // ---- purchase history ----------------------------------------------------------------------------------

    /** One line of {@code GET /api/v1/payments/purchases}; {@code kind} is {@code pack} or {@code credits}. */
    record Purchase(UUID id, String kind, UUID packId, String creditPack, Integer credits, String priceType,
            BigDecimal amount, long amountMinor, String currency, String status, String provider, UUID subscriptionId,
            long refundedMinor, Instant createdAt, Instant refundedAt) {
    }

    record Purchases(List<Purchase> purchases, Pagination pagination) {
    }

    @Transactional(readOnly = true)
    Purchases purchases(UUID userId, PageQuery page) {
        long total = purchases.countPayments(userId);
        List<Purchase> list = purchases.payments(userId, page.limit(), page.offset()).stream().map(CheckoutService::purchase).toList();
        return new Purchases(list, Pagination.of(page, total));
    }

    private static Purchase purchase(PurchaseRepository.PaidPayment p) {
        return new Purchase(p.id(), "credit_pack".equals(p.kind()) ? "credits" : "pack", p.packId(), p.creditPack(),
                p.credits(), p.priceType(), BigDecimal.valueOf(p.amountMinor(), 2), p.amountMinor(), p.currency(),
                p.status(), p.provider(), p.subscriptionId(), p.refundedMinor(), p.createdAt(), p.refundedAt());
    }

    // ---- what the sandbox and privacy read -----------------------------------------------------------------

    /** A Checkout session as the sandbox page shows it. */
    public record SessionView(String id, String kind, String title, String priceType, String interval, long amountMinor,
            String currency, String provider, String status, String successUrl, String cancelUrl, UUID userId,
            UUID packId, String creditPack, Instant createdAt) {
    }

    @Transactional(readOnly = true)
    public Optional<SessionView> session(String id) {
        return purchases.session(id).map(s -> new SessionView(s.id(), s.kind(), s.title(), s.priceType(), s.interval(),
                s.amountMinor(), s.currency(), s.provider(), s.status(), s.successUrl(), s.cancelUrl(), s.userId(),
                s.packId(), s.creditPack(), s.createdAt()));
    }

    /** A subscription as the sandbox operator sees it. */
    public record SubscriptionView(UUID id, UUID userId, UUID packId, String provider, String providerId, String interval,
            long amountMinor, String currency, String status, Instant currentPeriodEnd, Instant createdAt, Instant endedAt) {
    }

    private static SubscriptionView view(PurchaseRepository.Subscription s) {
        return new SubscriptionView(s.id(), s.userId(), s.packId(), s.provider(), s.providerId(), s.interval(),
                s.amountMinor(), s.currency(), s.status(), s.currentPeriodEnd(), s.createdAt(), s.endedAt());
    }

    @Transactional(readOnly = true)
    public Optional<SubscriptionView> subscription(UUID id) {
        return purchases.subscription(id).map(CheckoutService::view);
    }

    /** A payment as the sandbox operator (refunds) sees it. */
    public record PaymentView(UUID id, String provider, String providerReference, String paymentIntent, long amountMinor,
            long refundedMinor, String currency, String status) {
    }

    @Transactional(readOnly = true)
    public Optional<PaymentView> payment(UUID id) {
        return purchases.payment(id).map(p -> new PaymentView(p.id(), p.provider(), p.providerReference(),
                p.paymentIntent(), p.amountMinor(), p.refundedMinor(), p.currency(), p.status()));
    }

    /** The person's payments and subscriptions (account export). */
    public record ExportedPayment(UUID id, String kind, UUID packId, Integer packRevision, String creditPack,
            Integer credits, String priceType, long amountMinor, String currency, String provider, String status,
            UUID subscriptionId, long refundedMinor, Instant createdAt, Instant refundedAt) {
    }

    @Transactional(readOnly = true)
    public List<ExportedPayment> paymentsOf(UUID userId) {
        return purchases.payments(userId, Integer.MAX_VALUE, 0).stream().map(p -> new ExportedPayment(p.id(), p.kind(),
                p.packId(), p.packRevision(), p.creditPack(), p.credits(), p.priceType(), p.amountMinor(), p.currency(),
                p.provider(), p.status(), p.subscriptionId(), p.refundedMinor(), p.createdAt(), p.refundedAt())).toList();
    }

    @Transactional(readOnly = true)
    public List<SubscriptionView> subscriptionsOf(UUID userId) {
        return purchases.subscriptionsOf(userId).stream().map(CheckoutService::view).toList();
    }

    /**
     * Erasure (docs/privacy.md): payments and subscriptions stay for the accounts (amounts, currencies, dates,
     * provider references) under a hashed person id; the person's id, checkout sessions (their redirect URLs) and the
     * stored webhook bodies that named them go.
     */
    @Transactional
    public int erase(UUID userId) {
        return purchases.anonymize(userId, personHash(userId));
    }

    String personHash(UUID userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((properties.erasurePepper() + ":" + userId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
