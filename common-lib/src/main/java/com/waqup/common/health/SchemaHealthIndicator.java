package com.waqup.common.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness of the service's own schema: it exists, Flyway's history is there and no migration failed.
 * Reported as the {@code schema} component with the schema name and the current version.
 */
public class SchemaHealthIndicator extends AbstractHealthIndicator {

    private final DataSource dataSource;
    private final String schema;

    public SchemaHealthIndicator(DataSource dataSource, String schema) {
        super("schema check failed");
        this.dataSource = dataSource;
        this.schema = schema;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        String history = "\"" + schema.replace("\"", "") + "\".flyway_schema_history";
        String sql = "select (select version from " + history + " where success and version is not null"
                + " order by installed_rank desc limit 1) as version,"
                + " (select count(*) from " + history + " where not success) as failed";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            long failed = rs.getLong("failed");
            builder.withDetail("schema", schema).withDetail("version", String.valueOf(rs.getString("version")));
            if (failed > 0) {
                builder.down().withDetail("failed_migrations", failed);
            } else {
                builder.up();
            }
        }
    }
}
