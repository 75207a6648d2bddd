-- AlterTable
ALTER TABLE "CrmConnection" ADD COLUMN     "companyId" TEXT;

-- CreateTable
CREATE TABLE "ExternalInvoice" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "invoiceNumber" TEXT NOT NULL,
    "invoiceDate" TIMESTAMP(3) NOT NULL,
    "dueDate" TIMESTAMP(3),
    "currency" TEXT NOT NULL DEFAULT 'AUD',
    "amountExTax" DECIMAL(15,3) NOT NULL,
    "adjustedAmountExTax" DECIMAL(15,3) NOT NULL,
    "tax" DECIMAL(15,3) NOT NULL,
    "total" DECIMAL(15,3) NOT NULL,
    "markedAt" TIMESTAMP(3),
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExternalInvoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalInvoiceLine" (
    "id" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "partNumber" TEXT,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(30,6) NOT NULL,
    "unitPriceExTax" DECIMAL(18,6) NOT NULL,
    "amountExTax" DECIMAL(15,3) NOT NULL,
    "tax" DECIMAL(15,3) NOT NULL,

    CONSTRAINT "ExternalInvoiceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalPayment" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "paymentDate" TIMESTAMP(3) NOT NULL,
    "amount" DECIMAL(15,3) NOT NULL,
    "method" TEXT,
    "reference" TEXT,
    "markedAt" TIMESTAMP(3),
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExternalPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalImportIssue" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "waiting" BOOLEAN NOT NULL DEFAULT false,
    "seenCount" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "ExternalImportIssue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExternalInvoice_customerId_invoiceDate_idx" ON "ExternalInvoice"("customerId", "invoiceDate");

-- CreateIndex
CREATE INDEX "ExternalInvoice_invoiceDate_idx" ON "ExternalInvoice"("invoiceDate");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalInvoice_connectionId_remoteId_key" ON "ExternalInvoice"("connectionId", "remoteId");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalInvoiceLine_invoiceId_position_key" ON "ExternalInvoiceLine"("invoiceId", "position");

-- CreateIndex
CREATE INDEX "ExternalPayment_customerId_paymentDate_idx" ON "ExternalPayment"("customerId", "paymentDate");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalPayment_connectionId_remoteId_key" ON "ExternalPayment"("connectionId", "remoteId");

-- CreateIndex
CREATE INDEX "ExternalImportIssue_connectionId_resolvedAt_idx" ON "ExternalImportIssue"("connectionId", "resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalImportIssue_connectionId_kind_remoteId_key" ON "ExternalImportIssue"("connectionId", "kind", "remoteId");

-- AddForeignKey
ALTER TABLE "ExternalInvoiceLine" ADD CONSTRAINT "ExternalInvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "ExternalInvoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalPayment" ADD CONSTRAINT "ExternalPayment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "ExternalInvoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

