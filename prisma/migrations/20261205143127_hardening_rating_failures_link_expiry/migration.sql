-- AlterTable
ALTER TABLE "ApprovalSettings" ADD COLUMN     "linkExpiryDays" INTEGER NOT NULL DEFAULT 30;

-- CreateTable
CREATE TABLE "BillingRatingFailure" (
    "subscriptionId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 1,
    "firstFailedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastFailedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingRatingFailure_pkey" PRIMARY KEY ("subscriptionId")
);

