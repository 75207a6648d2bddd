import crypto from "node:crypto";
import pg from "pg";

// Each test file gets a private database cloned from the migrated template, so
// files run in parallel without seeing each other's rows.
const adminUrl = process.env.TEST_PG_ADMIN_URL;
if (adminUrl && !process.env.__TEST_DB_READY) {
  const name = `test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE switchboard_template`);
  await admin.end();
  process.env.DATABASE_URL = adminUrl.replace(/\/postgres$/, `/${name}`);
  process.env.__TEST_DB_READY = "1";
}
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-1234";
process.env.APP_URL ??= "http://localhost:3000";
process.env.LOG_LEVEL ??= "error";
// Local fakes (AI, geolocation) listen on loopback; a test that checks the guard sets it to "false".
process.env.OUTBOUND_ALLOW_LOOPBACK ??= "true";
