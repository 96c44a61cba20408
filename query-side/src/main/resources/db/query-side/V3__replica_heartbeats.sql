-- One row per running query-side replica, refreshed every few seconds: how many replicas share the projections'
-- segments (ProcessorSegmentBalancer). The database's clock stamps the rows, so replicas' clocks need not agree.
CREATE TABLE replica_heartbeat (
    node    VARCHAR(255) PRIMARY KEY,
    seen_at TIMESTAMPTZ  NOT NULL
);
