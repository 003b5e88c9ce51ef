// `tfsim cloud serve`: the account of TFSIM_HOME over HTTP, in AWS's wire protocols, until Ctrl-C.
import { error } from "../../diag/diagnostic.js";
import { clockFromEnv } from "../../cloud/clock.js";
import { defaultHome, openCloud } from "../../cloud/index.js";
import { DEFAULT_PORT, startServer, type RunningServer } from "../../cloud/server.js";
import { println, type Command } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";

export const cloudServeCommand: Command = {
  name: "cloud serve",
  synopsis: "Serve the simulated AWS account over HTTP for the aws CLI and SDKs",
  help: `Usage: tfsim [global options] cloud serve [options]

  Serves the simulated AWS account of TFSIM_HOME (default ~/.tfsim) at one
  HTTP endpoint, speaking AWS's own protocols, so that the AWS CLI, the AWS
  SDKs and Terraform's AWS provider work against it unchanged:

    aws --endpoint-url http://127.0.0.1:4566 iam create-user --user-name dev

  Every request must be signed (SigV4) with keys of the account; see
  "tfsim cloud credentials". The server shares the account with every other
  tfsim command on this machine. It runs until interrupted (Ctrl-C).

Options:

  -host=ADDRESS   Address to listen on. Defaults to 127.0.0.1; the account is
                  not meant to be reachable from other machines.

  -port=N         Port to listen on. Defaults to ${DEFAULT_PORT}; 0 picks a free port.
`,
  flags: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "number", default: DEFAULT_PORT },
  },
  async run(args, ctx) {
    const host = String(args.flags.host);
    const port = Number(args.flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      writeDiagnostics(ctx, [error("Invalid port", `The -port option must be a whole number from 0 to 65535, not ${String(args.flags.port)}.`)]);
      return 1;
    }
    const cloud = openCloud({ home: defaultHome(ctx.env), clock: clockFromEnv(ctx.env) });
    let server: RunningServer;
    try {
      server = await startServer({ cloud, host, port });
    } catch (e) {
      cloud.close();
      const code = (e as NodeJS.ErrnoException).code;
      const detail =
        code === "EADDRINUSE"
          ? `Another process is already listening on ${host}:${port}. Stop it, or choose another port with -port=N.`
          : code === "EADDRNOTAVAIL" || code === "ENOTFOUND"
            ? `${host} is not an address of this machine.`
            : code !== undefined && code.startsWith("E")
              ? `Listening on ${host}:${port} failed: ${e instanceof Error ? e.message : String(e)}`
              : `${e instanceof Error ? e.message : String(e)}`;
      writeDiagnostics(ctx, [error("Failed to start the cloud server", detail)]);
      return 1;
    }
    // Listen for the signals before announcing the endpoint: whoever reads it may stop us at once.
    const stopped = new Promise<void>((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        resolve();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    println(ctx.stdout, `tfsim cloud: serving account ${cloud.accountId} at ${server.url}`);
    println(ctx.stdout);
    println(ctx.stdout, `  export AWS_ENDPOINT_URL=${server.url}`);
    println(ctx.stdout, `  aws sts get-caller-identity`);
    println(ctx.stdout);
    println(ctx.stdout, "Press Ctrl-C to stop.");

    await stopped;
    await server.close();
    cloud.close();
    println(ctx.stdout, "tfsim cloud: stopped.");
    return 0;
  },
};
