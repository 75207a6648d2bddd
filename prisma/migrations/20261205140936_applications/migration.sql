-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('assessment_completed', 'waiting_for_application', 'application_received', 'ready_for_submission', 'submitted', 'approved', 'denied', 'closed');

-- CreateEnum
CREATE TYPE "ApplicationDocumentKind" AS ENUM ('original', 'signed_pages', 'signing_source', 'signed_copy');

-- CreateEnum
CREATE TYPE "ApplicationSigningState" AS ENUM ('sent', 'signed', 'revoked');

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "applicantName" TEXT NOT NULL,
    "program" TEXT NOT NULL,
    "reference" TEXT,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'assessment_completed',
    "signaturePages" INTEGER[] DEFAULT ARRAY[11, 12]::INTEGER[],
    "formPageCount" INTEGER NOT NULL DEFAULT 14,
    "signedPagesInOriginal" BOOLEAN NOT NULL DEFAULT false,
    "ticketNumber" TEXT,
    "searchText" TEXT NOT NULL,
    "createdById" TEXT,
    "receivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationDocument" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "kind" "ApplicationDocumentKind" NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL DEFAULT 'application/pdf',
    "sizeBytes" INTEGER NOT NULL,
    "pageCount" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationEvent" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "detail" TEXT,
    "note" TEXT,
    "actorUserId" TEXT,
    "actorName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationSigningRequest" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "page" INTEGER NOT NULL,
    "signerName" TEXT NOT NULL,
    "signerEmail" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "state" "ApplicationSigningState" NOT NULL DEFAULT 'sent',
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "sourceDocumentId" TEXT NOT NULL,
    "signedDocumentId" TEXT,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "signedAt" TIMESTAMP(3),
    "signedName" TEXT,
    "signedRelationship" TEXT,
    "signedOn" TEXT,
    "signerIp" TEXT,
    "revokedAt" TIMESTAMP(3),
    "requestedById" TEXT,
    "requestedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApplicationSigningRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Application_number_key" ON "Application"("number");

-- CreateIndex
CREATE INDEX "Application_organisationId_status_createdAt_idx" ON "Application"("organisationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Application_status_createdAt_idx" ON "Application"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Application_createdAt_idx" ON "Application"("createdAt");

-- CreateIndex
CREATE INDEX "ApplicationDocument_applicationId_kind_createdAt_idx" ON "ApplicationDocument"("applicationId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "ApplicationEvent_applicationId_createdAt_idx" ON "ApplicationEvent"("applicationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationSigningRequest_tokenHash_key" ON "ApplicationSigningRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "ApplicationSigningRequest_applicationId_state_idx" ON "ApplicationSigningRequest"("applicationId", "state");

-- AddForeignKey
ALTER TABLE "ApplicationDocument" ADD CONSTRAINT "ApplicationDocument_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationEvent" ADD CONSTRAINT "ApplicationEvent_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationSigningRequest" ADD CONSTRAINT "ApplicationSigningRequest_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

