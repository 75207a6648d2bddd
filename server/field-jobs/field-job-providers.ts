/** Connector providers whose connections can take field jobs (each has a FieldJobGateway). */
export const FIELD_JOB_PROVIDERS: ReadonlySet<string> = new Set(["ascora"]);
