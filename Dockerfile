# Switchboard: one image for the app and for its migrations.
#   docker build -t switchboard .
#   docker run --rm -e MIGRATE_DATABASE_URL=postgresql://… switchboard npm run db:deploy   (once per release)
#   docker run -e DATABASE_URL=… -e NEXTAUTH_SECRET=… -e INNGEST_EVENT_KEY=… … switchboard   (each instance)
# Not built on our machines (no container runtime there): see README "Production".

# ── build: every dependency, the Prisma client, the production build ──
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the postinstall (prisma generate) runs below, once the schema is here.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run generate && npx tsc --noEmit && NEXT_TELEMETRY_DISABLED=1 npm run build

# ── runtime: production dependencies only, as an unprivileged user ──
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/.next ./.next
COPY --from=build /app/next.config.ts /app/prisma.config.ts ./
COPY --from=build /app/prisma ./prisma
# prisma.config.ts (read by `npm run db:deploy`) imports the pool factory.
COPY --from=build /app/server/db-pool.ts ./server/db-pool.ts
COPY --from=build /app/server/cli/migrate-deploy.mjs ./server/cli/migrate-deploy.mjs
RUN chown -R node:node /app/.next
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npx", "next", "start", "--hostname", "0.0.0.0"]
