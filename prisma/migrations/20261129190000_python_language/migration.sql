-- Python submissions (issue 12): a third submission language.
ALTER TYPE "Language" ADD VALUE 'PYTHON';
