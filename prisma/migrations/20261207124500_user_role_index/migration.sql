-- The leaderboard's week and month windows count the admins they leave out: an index instead of a scan of "User".

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");
