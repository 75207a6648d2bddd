-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "createCrmUser" BOOLEAN NOT NULL DEFAULT false;

