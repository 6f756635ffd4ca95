/** `name:alias` artifact references as `--artifact` and `--used-artifact` take them. */
import { UsageError } from "./usage-error.js";

/** A parsed `name:alias`; a bare name means `latest`, as in W&B. */
export interface ArtifactReference {
  name: string;
  alias: string;
  /** As given, for messages. */
  text: string;
}

/** Splits on the first `:`; throws UsageError when the name is empty. */
export function parseArtifactReference(text: string): ArtifactReference {
  const colon = text.indexOf(":");
  const name = (colon === -1 ? text : text.slice(0, colon)).trim();
  const alias = colon === -1 ? "latest" : text.slice(colon + 1).trim();
  if (name === "" || alias === "") {
    throw new UsageError(
      `bad artifact ${JSON.stringify(text)}: expected name:alias or name:vN, e.g. model:latest, data:v3`,
    );
  }
  return { name, alias, text };
}
