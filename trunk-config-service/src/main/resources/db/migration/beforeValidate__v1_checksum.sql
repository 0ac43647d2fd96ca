-- V1 once had comments that named a document outside this repository; only those comments
-- changed, yet Flyway's checksum covers comments too. A database migrated before the change still
-- records V1's earlier checksum, and would fail validation at start. This records the current one
-- in exactly that case: any other mismatch (a real change to an applied migration) still fails.
-- Runs before every validation; on a new database (no history table yet) it does nothing. The
-- history table is named by Flyway's own placeholders, so a configured schema or table is followed.
DO $$
BEGIN
    IF to_regclass(quote_ident('${flyway:defaultSchema}') || '.' || quote_ident('${flyway:table}')) IS NOT NULL THEN
        UPDATE "${flyway:defaultSchema}"."${flyway:table}"
           SET checksum = -1721826067
         WHERE version = '1' AND checksum = -1043820156;
    END IF;
END
$$;
