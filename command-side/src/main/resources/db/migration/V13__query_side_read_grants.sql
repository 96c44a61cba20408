-- The query side reads the command side's tables under its own role, healthmed_query (ADR 0025): SELECT on exactly the
-- tables it reads (events and snapshots for its projections and the audit history, person_key to open personal data)
-- and no other right here; it writes only its own schema query_side, which that role owns. The role and that schema
-- are made by whoever runs the database (deploy/postgres/query-side-role.sh, k8s/overlays/dev, ./run.sh, the tests):
-- where the role does not exist (the query side then still logs in as the owner), nothing is granted.
-- A new table the query side must read is granted here, in a new migration, and nowhere else.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'healthmed_query') THEN
    GRANT USAGE ON SCHEMA public TO healthmed_query;
    GRANT SELECT ON domain_event_entry, snapshot_event_entry, person_key TO healthmed_query;
  END IF;
END $$;
