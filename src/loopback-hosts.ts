/**
 * Which URL hosts are this machine, for the rule that allows plain http only there (the base URL,
 * and file URLs when the base URL is https). `hostname` is as the URL parser writes it: lower
 * case, IPv4 numbers in dotted form, IPv6 in brackets and compressed hex.
 */

/**
 * `localhost`, 127.0.0.0/8, `[::1]`, and 127.0.0.0/8 mapped into IPv6 (`[::ffff:127.0.0.1]`, which
 * the parser writes `[::ffff:7f00:1]`). Not `0.0.0.0` (or `[::]`): it names "any address" to a
 * server, and as a destination it reaches this machine on Linux and macOS but not on Windows.
 */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(hostname)
  );
}
