package com.waqup.user.operator;

import java.time.Clock;

import com.waqup.user.account.Account;
import com.waqup.user.account.AccountRepository;
import com.waqup.user.keys.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-off operator commands, run as a separate process against the same database, never through the API:
 * <pre>
 * java -jar user-service.jar --spring.main.web-application-type=none --waqup.operator.command=grant-admin --waqup.operator.email=ops@example.com
 * java -jar user-service.jar --spring.main.web-application-type=none --waqup.operator.command=rotate-signing-key
 * </pre>
 * ({@code ./waqup admin grant-admin EMAIL} and {@code ./waqup admin rotate-signing-key} wrap them.)
 */
@Component
class OperatorCommands implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperatorCommands.class);
    private final String command;
    private final String email;
    private final AccountRepository accounts;
    private final SigningKeys keys;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ConfigurableApplicationContext context;

    OperatorCommands(@Value("${waqup.operator.command:}") String command, @Value("${waqup.operator.email:}") String email,
            AccountRepository accounts, SigningKeys keys, TransactionTemplate tx, Clock clock,
            ConfigurableApplicationContext context) {
        this.command = command;
        this.email = email;
        this.accounts = accounts;
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (command.isBlank()) {
            return;
        }
        int code = execute(command, email);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    /** Runs one command; returns the process exit code (0 done, 1 not found, 2 unknown command). */
    int execute(String command, String email) {
        return switch (command) {
            case "grant-admin" -> grantAdmin(email);
            case "rotate-signing-key" -> {
                log.info("OPERATOR rotated the signing key, new kid {}", keys.rotate());
                yield 0;
            }
            default -> {
                log.error("OPERATOR unknown command '{}' (grant-admin, rotate-signing-key)", command);
                yield 2;
            }
        };
    }

    private int grantAdmin(String email) {
        String normalized = Account.normalizeEmail(email);
        Boolean done = tx.execute(status -> accounts.findByEmail(normalized).map(a -> {
            a.grantAdmin(clock.instant());
            return true;
        }).orElse(false));
        if (Boolean.TRUE.equals(done)) {
            log.info("OPERATOR granted admin to {}", normalized);
            return 0;
        }
        log.error("OPERATOR no account with email {}", normalized);
        return 1;
    }
}
