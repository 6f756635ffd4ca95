/** The package version; a test holds it equal to package.json's. */
export const version = "0.1.0";
/** Sent as User-Agent so W&B can tell this client's traffic apart. */
export const userAgent = `wandb-query/${version} (node ${process.version})`;
//# sourceMappingURL=version.js.map