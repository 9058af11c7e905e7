package com.waqup.user.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.waqup.common.test.ServiceITSupport;

/** The first signing key of a fresh database, wanted by several sign-ups at once (each inside its own transaction). */
class FirstSigningKeyIT extends ServiceITSupport {

    @Autowired
    SigningKeys keys;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void shouldGiveEverySignUpTheSameFirstKeyWithoutAbortingTheLosersTransactions() throws Exception {
        jdbc.update("delete from signing_key");
        keys.forget();
        TransactionTemplate signUp = new TransactionTemplate(transactions);
        // each sign-up holds a connection while the first key is made on one more: fewer people than the pool
        // (DB_POOL_SIZE, 8), or they would all wait for a ninth connection
        int people = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(people);
        try {
            List<Future<String>> kids = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                kids.add(pool.submit((Callable<String>) () -> {
                    go.await();
                    // like AuthService.register: the key is wanted inside the sign-up's transaction, which then goes on
                    return signUp.execute(status -> {
                        String kid = keys.active().getKeyID();
                        jdbc.queryForObject("select count(*) from app_user", Long.class);
                        return kid;
                    });
                }));
            }
            go.countDown();
            List<String> seen = new ArrayList<>();
            for (Future<String> kid : kids) {
                seen.add(kid.get());
            }
            assertThat(seen).hasSize(people).containsOnly(seen.getFirst());
            assertThat(jdbc.queryForObject("select count(*) from signing_key where retired_at is null", Long.class)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
