-- Why an accepted submission has no perf ratio (its timing was not stable enough, or no reference here).
ALTER TABLE "Submission" ADD COLUMN "perfNote" TEXT;
