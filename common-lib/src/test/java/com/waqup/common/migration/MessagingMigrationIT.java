package com.waqup.common.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.waqup.common.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The one definition of the messaging tables, migrated by Flyway into a fresh schema of the real test database, as
 * every service's Flyway does it (its own {@code db/migration} plus common-lib's location).
 */
class MessagingMigrationIT {

    static final String SCHEMA = "common_messaging";
    /**
     * The checksum every deployed schema recorded for {@code V1__messaging.sql}: changing a byte of the file would
     * make every service refuse to start on an existing database (Flyway validates applied migrations).
     */
    static final int DEPLOYED_CHECKSUM = 323313774;

    static FluentConfiguration serviceLikeFlyway() {
        TestDatabase.ensure();
        FluentConfiguration configuration = Flyway.configure().dataSource(TestDatabase.url(), "postgres", "")
                .schemas(SCHEMA).defaultSchema(SCHEMA).cleanDisabled(false);
        MessagingMigrationAutoConfiguration.addMessagingLocation(configuration);
        return configuration;
    }

    @Test
    void shouldCreateTheOutboxAndTheInboxAsVersionOneWithTheDeployedChecksum() throws Exception {
        Flyway flyway = serviceLikeFlyway().load();
        flyway.clean();
        flyway.migrate();

        List<MigrationInfo> applied = Arrays.stream(flyway.info().applied()).filter(m -> m.getVersion() != null).toList();
        assertThat(applied).as("versioned migrations applied").hasSize(1);
        assertThat(applied.get(0).getVersion().getVersion()).isEqualTo("1");
        assertThat(applied.get(0).getScript()).isEqualTo("V1__messaging.sql");
        assertThat(applied.get(0).getChecksum()).isEqualTo(DEPLOYED_CHECKSUM);
        assertThat(columns("event_publication")).containsExactly("id", "listener_id", "event_type", "serialized_event",
                "publication_date", "completion_date", "status", "completion_attempts", "last_resubmission_date");
        assertThat(columns("processed_event")).containsExactly("event_id", "event_type", "processed_at");
    }

    @Test
    void shouldAddTheLocationBesideTheServicesOwnOnce() {
        FluentConfiguration configuration = serviceLikeFlyway();
        MessagingMigrationAutoConfiguration.addMessagingLocation(configuration);

        assertThat(Arrays.stream(configuration.getLocations()).map(Location::getDescriptor))
                .containsExactlyInAnyOrder("classpath:db/migration", MessagingMigrationAutoConfiguration.LOCATION);
    }

    private static List<String> columns(String table) throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement("select column_name from information_schema.columns "
                        + "where table_schema = ? and table_name = ? order by ordinal_position")) {
            s.setString(1, SCHEMA);
            s.setString(2, table);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }
}
