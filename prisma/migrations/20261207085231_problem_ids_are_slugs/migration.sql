-- A coding problem's id is its folder's name, the question's slug (kebab-case): kernel ids written in
-- snake_case before problems became folders are renamed (every old id maps to the same name with '-' for '_').
UPDATE "CodingProblem" SET "kernelId" = replace("kernelId", '_', '-') WHERE "kernelId" LIKE '%\_%';
