package com.waqup.reward.config;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The token rules ({@code waqup.reward.*}, docs/rewards.md).
 *
 * @param purchaseSharePercent the creator's share of a purchase's or renewal's net amount
 * @param tokensPerMinorUnit   tokens per minor currency unit (cent) of that share
 * @param practiceTokens       tokens per completed practice of a pack item by someone else
 * @param practiceDailyCap     practices rewarded per practitioner, per pack, per UTC day
 * @param payoutMinimum        the smallest payout a creator may request, in tokens
 */
@ConfigurationProperties("waqup.reward")
@Validated
public record RewardProperties(
        @Min(0) @Max(100) @DefaultValue("70") int purchaseSharePercent,
        @NotNull @DecimalMin("0") @DefaultValue("1") BigDecimal tokensPerMinorUnit,
        @Min(0) @DefaultValue("5") long practiceTokens,
        @Min(0) @DefaultValue("3") int practiceDailyCap,
        @Min(1) @DefaultValue("1000") long payoutMinimum) {
}
