-- Nothing wrote AuthToken.lastUsedAt, and Submission.enqueuedAt was read by no code path: whether a submission is
-- on the queue is BullMQ's to say (the sweeper asks it for the job), not a column's.

-- AlterTable
ALTER TABLE "AuthToken" DROP COLUMN "lastUsedAt";

-- AlterTable
ALTER TABLE "Submission" DROP COLUMN "enqueuedAt";
