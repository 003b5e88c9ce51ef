// The simulated AWS account of a TFSIM_HOME: `openCloud()` opens (or creates, on first use) its SQLite store and
// returns the Cloud of api.ts. Nothing here is a module singleton: two clouds in one process are independent.
import { rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { AwsError, type AwsErrorShape, type CallRequest, type CallResult, type Cloud, type RefusedCall, type ServiceName } from "./api.js";
import { type Account, ensureAccount, type RootCredentials, rootCredentials } from "./account.js";
import { AuditTrail } from "./audit.js";
import { lookupKey } from "./authenticate.js";
import { type Clock, clockFromEnv } from "./clock.js";
import { IamModel } from "./iam/model.js";
import { Pipeline } from "./pipeline.js";
import type { BoundService } from "./service.js";
import { serviceFactories } from "./services.js";
import { type Db, openStore } from "./store/db.js";

export interface OpenCloudOptions {
  /** Defaults to $TFSIM_HOME, else ~/.tfsim. */
  home?: string;
  /** Defaults to real time plus $TFSIM_CLOCK_OFFSET_SECONDS. */
  clock?: Clock;
}

/** A Cloud plus what tfsim's own commands need (root keys, the trail, the store's location). */
export interface LocalCloud extends Cloud {
  readonly home: string;
  readonly account: Account;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  rootCredentials(): RootCredentials;
  /** Deletes everything in the account (every table's rows); the next openCloud() signs up a new account. */
  reset(): void;
}

export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.TFSIM_HOME && env.TFSIM_HOME !== "" ? env.TFSIM_HOME : join(homedir(), ".tfsim");
}

export function openCloud(options: OpenCloudOptions = {}): LocalCloud {
  const home = options.home ?? defaultHome();
  const clock = options.clock ?? clockFromEnv();
  const db: Db = openStore(home);
  try {
    const account = ensureAccount(db, clock);
    const iam = new IamModel(db, account.accountId);
    const core = { db, accountId: account.accountId, iam, clock };
    const services = new Map<ServiceName, BoundService>();
    for (const make of serviceFactories) {
      const bound = make(core);
      services.set(bound.spec.name, bound);
    }
    const audit = new AuditTrail(db);
    audit.prune(clock.nowMs());
    const pipeline = new Pipeline(db, account.accountId, clock, iam, services, audit);
    return {
      accountId: account.accountId,
      home,
      account,
      audit,
      clock,
      call: (request: CallRequest): CallResult => pipeline.call(request),
      recordRefused(r: RefusedCall): void {
        audit.record({
          time: new Date(clock.nowMs()),
          requestId: r.requestId,
          ...(r.accessKeyId ? { accessKeyId: r.accessKeyId } : {}),
          region: r.region,
          service: r.service,
          action: r.action,
          params: {},
          errorCode: r.error.code,
          errorMessage: r.error.message,
          ...(r.sourceIp ? { sourceIp: r.sourceIp } : {}),
        });
      },
      signingSecret(accessKeyId: string, sessionToken: string | undefined): { secretAccessKey: string } | AwsErrorShape {
        // No read of IAM's generation here: a key's secret never changes, and the call that follows authenticates
        // again after reading it (a key another process deleted or deactivated is refused there).
        iam.refreshAfterOwnWrites();
        const r = lookupKey(iam, clock.nowMs(), accessKeyId, sessionToken);
        if (r instanceof AwsError) return { code: r.code, message: r.message, httpStatus: r.httpStatus, type: r.type };
        return { secretAccessKey: r.secret };
      },
      rootCredentials(): RootCredentials {
        const c = rootCredentials(db);
        if (!c) throw new Error("the account has no active root access key");
        return c;
      },
      reset(): void {
        // schema_versions describes the tables, not the account: keeping it stops the next open from re-running
        // service migrations on tables that still exist.
        const tables = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_versions'")
          .all() as { name: string }[];
        db.pragma("foreign_keys = OFF");
        try {
          db.transaction(() => {
            for (const t of tables) db.prepare(`DELETE FROM "${t.name.replace(/"/g, '""')}"`).run();
          }).immediate();
        } finally {
          db.pragma("foreign_keys = ON");
        }
        // S3 object bodies larger than the inline limit live beside the database.
        rmSync(join(home, "s3-objects"), { recursive: true, force: true });
      },
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}
