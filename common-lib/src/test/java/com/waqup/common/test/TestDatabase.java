package com.waqup.common.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The real PostgreSQL the tests run against: database {@code waqup_test} on the local server (override with
 * {@code WAQUP_TEST_DB_HOST}/{@code WAQUP_TEST_DB_PORT}), created on first use. Never the platform's own
 * {@code waqup} database, so running the tests does not touch a running platform's data.
 */
public final class TestDatabase {

    // Each can be moved with an environment variable so that two checkouts can run their tests at the same time on
    // one machine without hearing each other's events (the vhost must exist: rabbitmqctl add_vhost).
    public static final String NAME = env("WAQUP_TEST_DB_NAME", "waqup_test");
    /** The RabbitMQ vhost of the tests (created by scripts/infra.sh), apart from a running platform's "/". */
    public static final String RABBIT_VHOST = env("WAQUP_TEST_VHOST", "waqup_test");
    /** The Redis database of the tests, apart from a running platform's 0. */
    public static final int REDIS_DATABASE = Integer.parseInt(env("WAQUP_TEST_REDIS_DB", "1"));

    /** The tests' bucket on the local S3 server (created on first use), never the platform's {@code waqup-audio}. */
    public static final String S3_BUCKET = env("WAQUP_TEST_BUCKET", "waqup-test");
    private static volatile boolean ensured;

    private TestDatabase() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static String host() {
        return System.getenv().getOrDefault("WAQUP_TEST_DB_HOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(System.getenv().getOrDefault("WAQUP_TEST_DB_PORT", "5432"));
    }

    public static String url() {
        return url(host(), port());
    }

    public static String url(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + NAME;
    }

    /** Creates the test database if it does not exist yet. */
    public static synchronized void ensure() {
        if (ensured) {
            return;
        }
        String admin = "jdbc:postgresql://" + host() + ":" + port() + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + NAME + "'")) {
            if (!rs.next()) {
                try (Statement create = c.createStatement()) {
                    create.execute("create database " + NAME);
                } catch (SQLException raced) {
                    if (!"42P04".equals(raced.getSQLState())) { // duplicate_database: created meanwhile
                        throw raced;
                    }
                }
            }
            ensured = true;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + admin
                    + " (start it with ./waqup infra, see docs/infra.md)", e);
        }
    }

    /**
     * Empties the tests' RabbitMQ vhost (deletes and recreates it with rabbitmqctl): for journeys that start every
     * service at once, which must not inherit what the modules' own tests left in durable queues. Skipped, with a
     * note, where rabbitmqctl is not available (a remote broker).
     */
    public static synchronized void resetRabbitVhost() {
        String[][] commands = { { "rabbitmqctl", "-q", "delete_vhost", RABBIT_VHOST }, { "rabbitmqctl", "-q", "add_vhost", RABBIT_VHOST },
                { "rabbitmqctl", "-q", "set_permissions", "-p", RABBIT_VHOST, "guest", ".*", ".*", ".*" } };
        for (String[] command : commands) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0 && !command[2].equals("delete_vhost")) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
                }
            } catch (IOException e) {
                System.err.println("rabbitmqctl not available, the vhost " + RABBIT_VHOST + " is not reset: " + e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Rows of every table in {@code schema} whose text rendering contains {@code value} (a person's id, say), as
     * "table: count" for each table that has any: what an erasure must leave empty.
     */
    public static List<String> rowsNaming(String schema, Object value) {
        List<String> found = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_type = 'BASE TABLE'"
                    + " and table_schema = '" + schema.replace("'", "''") + "'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (PreparedStatement q = c.prepareStatement("select count(*) from \"" + schema + "\".\""
                        + table.replace("\"", "") + "\" t where t::text like ?")) {
                    q.setString(1, "%" + value + "%");
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(schema + "." + table + ": " + rs.getLong(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot scan schema " + schema, e);
        }
        return found;
    }

    public static Connection connect() throws SQLException {
        ensure();
        return DriverManager.getConnection(url(), "postgres", "");
    }
}
