-- Handles and emails are unique whatever their case: "SEC_ALICE" cannot sign up beside "sec_alice".
-- The API stores both NFKC-normalised and trimmed, emails lower-cased; handles keep the case their owner chose.
-- These expression indexes are not expressible in schema.prisma (like the trigram index): migrations own them.

-- Accounts made before this migration whose handles differ only in case: the oldest keeps its handle, each
-- later one gets "-" and the first 6 characters of its id appended (still 3-32 letters, digits, _ or -).
UPDATE "User" AS later
SET "handle" = left(later."handle", 25) || '-' || left(later."id"::text, 6)
WHERE EXISTS (
  SELECT 1 FROM "User" AS earlier
  WHERE lower(earlier."handle") = lower(later."handle")
    AND (earlier."createdAt", earlier."id") < (later."createdAt", later."id")
);

-- Emails have been lower-cased at sign-up since the first release; normalise any row that is not. Two
-- accounts whose emails differ only in case or width make this migration fail rather than merge or rename
-- someone's sign-in address: an operator must resolve them by hand.
UPDATE "User"
SET "email" = lower(normalize(btrim("email"), NFKC))
WHERE "email" <> lower(normalize(btrim("email"), NFKC));

CREATE UNIQUE INDEX "User_handle_lower_key" ON "User" (lower("handle"));
CREATE UNIQUE INDEX "User_email_lower_key" ON "User" (lower("email"));
