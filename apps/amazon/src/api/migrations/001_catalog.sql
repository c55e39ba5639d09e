-- The catalogue the api serves over REST and GraphQL. `search` is a generated tsvector with a
-- GIN index: full-text search in PostgreSQL itself (websearch_to_tsquery in the repository),
-- no search cluster for 81 products. Rows are seeded at boot from src/shared/catalog.ts.
CREATE TABLE products (
  sku text PRIMARY KEY,
  title text NOT NULL,
  description text NOT NULL,
  category text NOT NULL,
  price_cents bigint NOT NULL CHECK (price_cents > 0),
  search tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || description || ' ' || category)) STORED
);

CREATE INDEX products_search ON products USING gin (search);

CREATE TABLE reviews (
  review_id text PRIMARY KEY,
  sku text NOT NULL REFERENCES products (sku),
  author text NOT NULL,
  stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  body text NOT NULL
);

CREATE INDEX reviews_by_sku ON reviews (sku, review_id);

-- "Customers also bought": precomputed pairs, ranked.
CREATE TABLE recommendations (
  sku text NOT NULL REFERENCES products (sku),
  rank smallint NOT NULL,
  other_sku text NOT NULL REFERENCES products (sku),
  PRIMARY KEY (sku, rank)
);
