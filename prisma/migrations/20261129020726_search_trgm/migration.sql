-- Trigram search needs the pg_trgm extension (bundled with PostgreSQL).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Question_searchText_trgm_idx" ON "Question" USING GIN ("searchText" gin_trgm_ops);
