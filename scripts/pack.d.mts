// Types of scripts/pack.mjs for the tests that import it.

/** The repository's root folder. */
export const root: string;

/** Packs into `destination`; returns the tarball's path and the paths of the files it holds. */
export function pack(destination: string): { tarball: string; files: string[] };
