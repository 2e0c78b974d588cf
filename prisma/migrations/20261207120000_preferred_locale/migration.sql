-- A user's chosen language for texts and messages (additive, nullable: null means not chosen).
CREATE TYPE "Locale" AS ENUM ('ZH', 'EN');
ALTER TABLE "User" ADD COLUMN "preferredLocale" "Locale";
