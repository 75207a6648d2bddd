-- CreateTable
CREATE TABLE "CrmRatePacing" (
    "key" TEXT NOT NULL,
    "floodLimit" INTEGER,
    "floodRemaining" INTEGER,
    "floodResetAt" TIMESTAMP(3),
    "quotaLimit" INTEGER,
    "quotaRemaining" INTEGER,
    "quotaResetAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrmRatePacing_pkey" PRIMARY KEY ("key")
);

