-- CreateEnum
CREATE TYPE "LoginEventKind" AS ENUM ('SIGN_IN', 'MAGIC_LINK_REQUEST', 'SIGN_OUT');

-- CreateEnum
CREATE TYPE "LoginMethod" AS ENUM ('PASSWORD', 'MAGIC_LINK');

-- CreateEnum
CREATE TYPE "LoginResult" AS ENUM ('SUCCESS', 'FAILURE');

-- CreateEnum
CREATE TYPE "LoginFailureReason" AS ENUM ('BAD_PASSWORD', 'UNKNOWN_USER', 'DISABLED_USER', 'EXPIRED_LINK', 'INVALID_LINK', 'RATE_LIMITED', 'OTHER');

-- CreateEnum
CREATE TYPE "LoginDeviceType" AS ENUM ('DESKTOP', 'MOBILE', 'TABLET', 'BOT', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "LoginGeoState" AS ENUM ('PENDING', 'DONE', 'PRIVATE', 'FAILED');

-- CreateTable
CREATE TABLE "LoginEvent" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "login" TEXT NOT NULL,
    "kind" "LoginEventKind" NOT NULL,
    "method" "LoginMethod",
    "result" "LoginResult" NOT NULL,
    "failureReason" "LoginFailureReason",
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT NOT NULL,
    "userAgentRaw" TEXT NOT NULL,
    "browser" TEXT,
    "os" TEXT,
    "deviceType" "LoginDeviceType" NOT NULL DEFAULT 'UNKNOWN',
    "isBot" BOOLEAN NOT NULL DEFAULT false,
    "geoState" "LoginGeoState" NOT NULL DEFAULT 'PENDING',
    "geoNote" TEXT,
    "geoLookedUpAt" TIMESTAMP(3),
    "countryCode" TEXT,
    "country" TEXT,
    "region" TEXT,
    "city" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "isp" TEXT,
    "asn" TEXT,
    "hostname" TEXT,

    CONSTRAINT "LoginEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "retentionDays" INTEGER NOT NULL DEFAULT 365,
    "burstThreshold" INTEGER NOT NULL DEFAULT 5,
    "burstWindowMinutes" INTEGER NOT NULL DEFAULT 15,
    "burstCooldownMinutes" INTEGER NOT NULL DEFAULT 60,
    "alertsEnabled" BOOLEAN NOT NULL DEFAULT true,
    "geoEndpoint" TEXT,
    "rateLimitPerLogin" INTEGER NOT NULL DEFAULT 10,
    "rateLimitPerIp" INTEGER NOT NULL DEFAULT 30,
    "rateLimitWindowMinutes" INTEGER NOT NULL DEFAULT 15,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "AuditSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAlert" (
    "login" TEXT NOT NULL,
    "lastSentAt" TIMESTAMP(3) NOT NULL,
    "failureCount" INTEGER NOT NULL,
    "alertCount" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "LoginAlert_pkey" PRIMARY KEY ("login")
);

-- CreateIndex
CREATE INDEX "LoginEvent_userId_occurredAt_idx" ON "LoginEvent"("userId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "LoginEvent_login_occurredAt_idx" ON "LoginEvent"("login", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "LoginEvent_ip_occurredAt_idx" ON "LoginEvent"("ip", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "LoginEvent_geoState_occurredAt_idx" ON "LoginEvent"("geoState", "occurredAt");

-- CreateIndex
CREATE INDEX "LoginEvent_occurredAt_idx" ON "LoginEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "LoginEvent_countryCode_occurredAt_idx" ON "LoginEvent"("countryCode", "occurredAt" DESC);

-- AddForeignKey
ALTER TABLE "LoginEvent" ADD CONSTRAINT "LoginEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

