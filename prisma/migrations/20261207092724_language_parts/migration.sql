-- A coding problem statement's language-specific parts (additive, nullable).
ALTER TABLE "Question" ADD COLUMN "languageParts" JSONB;
