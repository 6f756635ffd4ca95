/** The package version, as in its package.json (a test holds the two equal). */
export const version = "0.1.0";

/** Sent as User-Agent so W&B can tell this client's traffic apart. */
export const userAgent = `wandb-query/${version} (node ${process.version})`;
