-- AlterTable
ALTER TABLE "HourCard" ADD COLUMN     "closedById" TEXT,
ADD COLUMN     "closedReason" TEXT;

