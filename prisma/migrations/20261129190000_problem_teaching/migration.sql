-- Teaching content per problem (constraints, hints, editorial, follow-ups, links, references, the article's
-- exercise code) and the two learner records that gate it: hints revealed one at a time, and give-ups.
-- Follow-ups and references are the columns 20261129170000_question_follow_ups added (one model for both kinds).
-- AlterTable
ALTER TABLE "CodingProblem" ADD COLUMN     "solutionCode" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "articleExercise" JSONB,
ADD COLUMN     "constraints" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "editorial" JSONB,
ADD COLUMN     "hints" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "relatedSlugs" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "HintReveal" (
    "userId" UUID NOT NULL,
    "questionId" UUID NOT NULL,
    "hintIndex" INTEGER NOT NULL,
    "revealedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HintReveal_pkey" PRIMARY KEY ("userId","questionId","hintIndex")
);

-- CreateTable
CREATE TABLE "GiveUp" (
    "userId" UUID NOT NULL,
    "questionId" UUID NOT NULL,
    "gaveUpAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GiveUp_pkey" PRIMARY KEY ("userId","questionId")
);

-- CreateIndex
CREATE INDEX "Question_relatedSlugs_idx" ON "Question" USING GIN ("relatedSlugs");

-- AddForeignKey
ALTER TABLE "HintReveal" ADD CONSTRAINT "HintReveal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HintReveal" ADD CONSTRAINT "HintReveal_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GiveUp" ADD CONSTRAINT "GiveUp_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GiveUp" ADD CONSTRAINT "GiveUp_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

