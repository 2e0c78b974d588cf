-- Follow-up questions (with short answers) and references (papers, official docs) of a question.
ALTER TABLE "Question" ADD COLUMN "followUps" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "Question" ADD COLUMN "references" JSONB NOT NULL DEFAULT '[]';
