-- What the stats service learns from gaming.match-events. Every table has the event's natural key
-- as its primary key, so a redelivered record (Kafka is at-least-once) inserts nothing.

-- One row per finished match: the guard that makes recording a MatchEnded happen once.
CREATE TABLE match_results (
  match_id text PRIMARY KEY,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE match_result_players (
  match_id text NOT NULL REFERENCES match_results (match_id),
  player_id text NOT NULL,
  name text NOT NULL,
  points integer NOT NULL CHECK (points >= 0),
  rank integer NOT NULL CHECK (rank >= 1),
  PRIMARY KEY (match_id, player_id)
);

-- Each player's totals over every recorded match: the leaderboard's source of truth (Redis holds
-- a copy for fast ranking, rebuilt from here).
CREATE TABLE player_totals (
  player_id text PRIMARY KEY,
  name text NOT NULL,
  matches integer NOT NULL DEFAULT 0,
  wins integer NOT NULL DEFAULT 0,
  points bigint NOT NULL DEFAULT 0 CHECK (points >= 0),
  best_points integer NOT NULL DEFAULT 0
);

-- Live activity, counted by natural key (a pickup is one pickup at one tick), so a replay counts
-- nothing twice. Small rows at a few per second per match: PostgreSQL takes that easily.
CREATE TABLE match_joins (
  match_id text NOT NULL,
  player_id text NOT NULL,
  joined_at timestamptz NOT NULL,
  PRIMARY KEY (match_id, player_id)
);

CREATE TABLE match_pickups (
  match_id text NOT NULL,
  pickup_id integer NOT NULL,
  tick integer NOT NULL,
  player_id text NOT NULL,
  points integer NOT NULL,
  PRIMARY KEY (match_id, pickup_id, tick)
);
