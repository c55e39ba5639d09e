-- The lobby's own tables: who the players are and who was placed in which match. Results and
-- totals belong to the stats service (its own schema).
CREATE TABLE players (
  player_id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- `players` counts match_players rows; the CHECK is the last line of defence against an
-- overfilled match (matchmaking already decides under one lock, see match.repository.ts).
CREATE TABLE matches (
  match_id text PRIMARY KEY,
  capacity integer NOT NULL CHECK (capacity > 0),
  players integer NOT NULL DEFAULT 0 CHECK (players >= 0 AND players <= capacity),
  opened_at timestamptz NOT NULL DEFAULT now(),
  ends_at timestamptz NOT NULL
);
CREATE INDEX matches_by_end ON matches (ends_at);

CREATE TABLE match_players (
  match_id text NOT NULL REFERENCES matches (match_id),
  player_id text NOT NULL REFERENCES players (player_id),
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (match_id, player_id)
);
CREATE INDEX match_players_by_player ON match_players (player_id);
