/**
 * The GraphQL documents the baselines send, written out as a client without batching would:
 * W&B's Python client's run and logged-artifacts queries (reference §7), and one small query per
 * run operation.
 */

// W&B's Python client selects the whole ArtifactFragment for a run's logged artifacts.
const artifactFragment = `
fragment ArtifactFragment on Artifact {
  __typename id versionIndex description metadata ttlDurationSeconds ttlIsInherited historyStep
  state size digest commitHash fileCount createdAt updatedAt
  artifactSequence { __typename name project { id internalId name entity { name } } }
  artifactType { name }
  tags { id name }
  aliases { id alias artifactCollection { __typename name project { id internalId name entity { name } } } }
}`;

/** Python's `api.run(path)`: one run with its full fragment (every light field, config, summary). */
export const pythonRunQuery = `
query Run($entity: String!, $project: String!, $name: String!) {
  project(name: $project, entityName: $entity) {
    run(name: $name) {
      id tags name displayName sweepName state config group jobType commit readOnly createdAt
      heartbeatAt description notes systemMetrics summaryMetrics historyLineCount projectId
      user { name username }
      historyKeys
    }
  }
}`;

/** Python's `run.logged_artifacts()`: the run's output artifacts, 100 per page. */
export const pythonLoggedArtifactsQuery = `
query RunOutputArtifacts($entity: String!, $project: String!, $name: String!, $cursor: String, $perPage: Int) {
  project(name: $project, entityName: $entity) {
    run(name: $name) {
      artifacts: outputArtifacts(after: $cursor, first: $perPage) {
        totalCount
        pageInfo { endCursor hasNextPage }
        edges { node { ...ArtifactFragment } }
      }
    }
  }
}
${artifactFragment}`;

/** One query per run operation, each selecting what that operation reads. */
export const perOperationQueries = {
  RunConfig: `
query RunConfig($entity: String!, $project: String!, $name: String!) {
  project(name: $project, entityName: $entity) { run(name: $name) { name config } }
}`,
  RunSummary: `
query RunSummary($entity: String!, $project: String!, $name: String!) {
  project(name: $project, entityName: $entity) { run(name: $name) { name summaryMetrics } }
}`,
  RunUser: `
query RunUser($entity: String!, $project: String!, $name: String!) {
  project(name: $project, entityName: $entity) { run(name: $name) { name user { id name username } } }
}`,
  RunLoggedArtifacts: `
query RunLoggedArtifacts($entity: String!, $project: String!, $name: String!) {
  project(name: $project, entityName: $entity) {
    run(name: $name) {
      name
      outputArtifacts(first: 100) {
        pageInfo { endCursor hasNextPage }
        edges { node { ...ArtifactFragment } }
      }
    }
  }
}
${artifactFragment}`,
} as const;
