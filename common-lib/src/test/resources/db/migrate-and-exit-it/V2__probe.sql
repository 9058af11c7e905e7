-- MigrateAndExitIT: a service's own migration, applied after common-lib's messaging V1
CREATE TABLE migrate_probe (id BIGINT PRIMARY KEY);
