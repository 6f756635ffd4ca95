/** Artifact names as `--artifact` and `--used-artifact` take them, read as the SDK reads them. */
import { InvalidArgumentError, parseArtifactName } from "../index.js";
import { UsageError } from "./usage-error.js";

/** A parsed `[[entity/]project/]name[:alias]`; a bare name means `latest`, as in W&B. */
export interface ArtifactReference {
  entity?: string | undefined;
  project?: string | undefined;
  name: string;
  alias: string;
  /** As given, for messages and for the SDK, which reads it the same way. */
  text: string;
}

/** Parses a flag's artifact name; throws UsageError naming the forms when it cannot. */
export function parseArtifactReference(text: string, flag = "--artifact"): ArtifactReference {
  try {
    return { ...parseArtifactName(text, flag), text: text.trim() };
  } catch (error) {
    if (error instanceof InvalidArgumentError) {
      throw new UsageError(
        `bad artifact ${JSON.stringify(text)}: expected name:alias, project/name:alias or ` +
          "entity/project/name:alias, e.g. model:latest, data:v3, acme/vision/model:production",
      );
    }
    throw error;
  }
}
