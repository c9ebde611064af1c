-- The lookup tables of the shops keyspace's unique lookup vindexes (packaging/vitess/vschema.json).
-- They live in the unsharded `platform` keyspace, next to the global tables; Vitess writes them
-- itself (consistent_lookup_unique) whenever a row of the owner table is inserted, updated or
-- deleted. Each maps a value that must be unique across ALL shops to the keyspace id (shard) of
-- the row that holds it, so that
--   * the value stays unique platform-wide even though each shard only sees its own rows, and
--   * a query by that value alone (a login code, an enrolment code's hash, a device secret's
--     hash, a receipt number) is routed to one shard instead of scattered to all of them.
-- Apply once to the platform keyspace: vtctldclient ApplySchema --sql-file platform_lookups.sql platform

CREATE TABLE tenant_login_code_lookup (
  login_code VARCHAR(32) NOT NULL,
  keyspace_id VARBINARY(128) NOT NULL,
  PRIMARY KEY (login_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE enrolment_code_hash_lookup (
  code_hash VARCHAR(64) NOT NULL,
  keyspace_id VARBINARY(128) NOT NULL,
  PRIMARY KEY (code_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE terminal_secret_hash_lookup (
  secret_hash VARCHAR(64) NOT NULL,
  keyspace_id VARBINARY(128) NOT NULL,
  PRIMARY KEY (secret_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE receipt_number_lookup (
  receipt_number VARCHAR(32) NOT NULL,
  keyspace_id VARBINARY(128) NOT NULL,
  PRIMARY KEY (receipt_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
