package com.waqup.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.transaction.TransactionSystemException;

/** Which failed rollbacks and commits are the database gone (503), and which are not (500). */
class ConnectionLostTest {

    @Test
    void shouldTakeAFailedRollbackOnAClosedPooledConnectionForTheDatabaseGone() {
        // what JPA throws when PostgreSQL restarts under a transaction: the rollback finds Hikari's closed stand-in
        UncategorizedDataAccessException jpa = new UncategorizedDataAccessException("Unable to rollback against JDBC Connection",
                new IllegalStateException("rollback", new SQLException("Connection is closed"))) {
        };
        assertThat(DependencyFailureHandler.connectionLost(jpa)).isTrue();
    }

    @Test
    void shouldTakeTheStatementFailureARollbackFailureReplacedIntoAccount() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("broken"));
        rollback.initApplicationException(new DataAccessResourceFailureException("terminated",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertThat(DependencyFailureHandler.connectionLost(rollback)).isTrue();
    }

    @Test
    void shouldTakeAConnectionExceptionAtCommitForTheDatabaseGone() {
        assertThat(DependencyFailureHandler.connectionLost(new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
    }

    @Test
    void shouldNotTakeOtherFailuresForTheDatabaseGone() {
        assertThat(DependencyFailureHandler.connectionLost(new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("could not serialize access", "40001")))).isFalse();
        assertThat(DependencyFailureHandler.connectionLost(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DependencyFailureHandler.connectionLost(new IllegalStateException("a bug"))).isFalse();
    }
}
