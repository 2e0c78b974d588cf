-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "searchLength" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "searchSlugLine" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "searchTitleLine" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "SearchWord" (
    "id" SERIAL NOT NULL,
    "word" TEXT NOT NULL,
    "wordKey" UUID NOT NULL,

    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionSearchWord" (
    "questionId" UUID NOT NULL,
    "wordId" INTEGER NOT NULL,
    "occurrences" INTEGER NOT NULL,

    CONSTRAINT "QuestionSearchWord_pkey" PRIMARY KEY ("questionId","wordId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SearchWord_wordKey_key" ON "SearchWord"("wordKey");

-- CreateIndex
CREATE INDEX "SearchWord_word_trgm_idx" ON "SearchWord" USING GIN ("word" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "QuestionSearchWord_wordId_questionId_occurrences_idx" ON "QuestionSearchWord"("wordId", "questionId", "occurrences");

-- AddForeignKey
ALTER TABLE "QuestionSearchWord" ADD CONSTRAINT "QuestionSearchWord_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionSearchWord" ADD CONSTRAINT "QuestionSearchWord_wordId_fkey" FOREIGN KEY ("wordId") REFERENCES "SearchWord"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Search's index follows "searchText" whoever writes it (the content service, the importer, a test, the scale
-- bench's generated copies). A search term never holds whitespace (it is one word of the query), so it occurs in a
-- text exactly when it occurs inside one of the text's whitespace-separated words, and as often as the sum over those
-- words: the postings answer "which questions hold the term, and how much of their text it fills" from a few rows per
-- question instead of reading kilobytes of compressed text per candidate (src/modules/questions/search.ts). The split
-- is on ASCII whitespace; a query term holding one of those characters falls back to LIKE on the text.

-- Before the row is written: the lines and length that ranking reads, from the text (whatever the write said).
CREATE FUNCTION question_search_lines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchSlugLine" := split_part(NEW."searchText", E'\n', 1);
  NEW."searchTitleLine" := split_part(NEW."searchText", E'\n', 2);
  NEW."searchLength" := length(NEW."searchText");
  RETURN NEW;
END
$$;

-- After: the text's words and their postings.
CREATE FUNCTION question_search_words_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM "QuestionSearchWord" WHERE "questionId" = NEW.id;
  END IF;

  -- New words first, in a statement of their own, so that the postings' statement sees them (and words another
  -- transaction committed meanwhile). Known words are skipped before the insert: ON CONFLICT alone would spend a
  -- sequence value on every known word of every save.
  INSERT INTO "SearchWord" ("word", "wordKey")
  SELECT DISTINCT token, md5(token)::uuid
  FROM regexp_split_to_table(NEW."searchText", E'[ \\t\\n\\r\\f\\v]+') AS token
  WHERE token <> '' AND NOT EXISTS (SELECT 1 FROM "SearchWord" w WHERE w."wordKey" = md5(token)::uuid)
  ON CONFLICT ("wordKey") DO NOTHING;

  INSERT INTO "QuestionSearchWord" ("questionId", "wordId", "occurrences")
  SELECT NEW.id, w.id, tokens.occurrences
  FROM (
    SELECT token, count(*)::int AS occurrences
    FROM regexp_split_to_table(NEW."searchText", E'[ \\t\\n\\r\\f\\v]+') AS token
    WHERE token <> ''
    GROUP BY token
  ) tokens
  JOIN "SearchWord" w ON w."wordKey" = md5(tokens.token)::uuid;
  RETURN NULL;
END
$$;

-- Only writes naming these columns run it: an update of a status or a title alone does not read the text.
CREATE TRIGGER "Question_searchLines"
  BEFORE INSERT OR UPDATE OF "searchText", "searchSlugLine", "searchTitleLine", "searchLength" ON "Question"
  FOR EACH ROW EXECUTE FUNCTION question_search_lines();
CREATE TRIGGER "Question_searchWords_insert" AFTER INSERT ON "Question"
  FOR EACH ROW EXECUTE FUNCTION question_search_words_refresh();
CREATE TRIGGER "Question_searchWords_update" AFTER UPDATE OF "searchText" ON "Question"
  FOR EACH ROW WHEN (OLD."searchText" IS DISTINCT FROM NEW."searchText")
  EXECUTE FUNCTION question_search_words_refresh();

-- Existing questions get theirs now: the lines by an update (the trigger above sets them), the words in two
-- set-based statements (the after-trigger's work for every row at once; it only runs when the text changes).
UPDATE "Question" SET "searchLength" = length("searchText");

INSERT INTO "SearchWord" ("word", "wordKey")
SELECT DISTINCT token, md5(token)::uuid
FROM "Question" q, regexp_split_to_table(q."searchText", E'[ \\t\\n\\r\\f\\v]+') AS token
WHERE token <> '';

INSERT INTO "QuestionSearchWord" ("questionId", "wordId", "occurrences")
SELECT q.id, w.id, count(*)::int
FROM "Question" q
CROSS JOIN LATERAL regexp_split_to_table(q."searchText", E'[ \\t\\n\\r\\f\\v]+') AS token
JOIN "SearchWord" w ON w."wordKey" = md5(token)::uuid
WHERE token <> ''
GROUP BY q.id, w.id;
