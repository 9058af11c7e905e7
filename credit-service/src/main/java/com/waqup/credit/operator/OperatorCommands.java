package com.waqup.credit.operator;

import java.util.UUID;

import com.waqup.credit.ledger.LedgerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * One-off operator commands, run as a separate process against the same database, never through the API:
 * <pre>
 * java -jar credit-service.jar --spring.main.web-application-type=none --waqup.operator.command=grant-credits \
 *   --waqup.operator.user-id=UUID --waqup.operator.credits=20 --waqup.operator.reason="demo data" [--waqup.operator.key=K]
 * </pre>
 * ({@code ./waqup admin grant-credits USER_ID N REASON [KEY]} wraps it.) The grant is one ledger entry of type
 * {@code grant} with the reason, under the account's row lock like every other move, so the balance always equals
 * the ledger's sum; with a key it happens once per key however often the command runs.
 */
@Component
class OperatorCommands implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperatorCommands.class);
    static final int MAX_CREDITS = 10_000;

    private final String command;
    private final String userId;
    private final String credits;
    private final String reason;
    private final String key;
    private final LedgerService ledger;
    private final ConfigurableApplicationContext context;

    OperatorCommands(@Value("${waqup.operator.command:}") String command, @Value("${waqup.operator.user-id:}") String userId,
            @Value("${waqup.operator.credits:}") String credits, @Value("${waqup.operator.reason:}") String reason,
            @Value("${waqup.operator.key:}") String key, LedgerService ledger, ConfigurableApplicationContext context) {
        this.command = command;
        this.userId = userId;
        this.credits = credits;
        this.reason = reason;
        this.key = key;
        this.ledger = ledger;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (command.isBlank()) {
            return;
        }
        int code = execute(command, userId, credits, reason, key);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    /** Runs one command; returns the process exit code (0 done, 2 unknown command or invalid arguments). */
    int execute(String command, String userId, String credits, String reason, String key) {
        if (!"grant-credits".equals(command)) {
            log.error("OPERATOR unknown command '{}' (grant-credits)", command);
            return 2;
        }
        UUID user;
        int amount;
        try {
            user = UUID.fromString(userId.strip());
            amount = Integer.parseInt(credits.strip());
        } catch (IllegalArgumentException e) {
            log.error("OPERATOR grant-credits needs a user id (UUID) and a whole number of credits");
            return 2;
        }
        if (amount < 1 || amount > MAX_CREDITS) {
            log.error("OPERATOR grant-credits: credits must be between 1 and {}", MAX_CREDITS);
            return 2;
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 200) {
            log.error("OPERATOR grant-credits needs a reason (1-200 characters), written in the ledger");
            return 2;
        }
        String idempotencyKey = "operator:" + (key == null || key.isBlank() ? UUID.randomUUID() : key.strip());
        var result = ledger.operatorGrant(user, amount, "operator: " + why, idempotencyKey);
        if (result.applied()) {
            log.info("OPERATOR granted {} credit(s) to {} ({}); available now {}", amount, user, why, result.balance().available());
        } else {
            log.info("OPERATOR nothing to do: key {} was already used; {} has {} credit(s) available", idempotencyKey, user,
                    result.balance().available());
        }
        return 0;
    }
}
