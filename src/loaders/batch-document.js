import { Kind, visit, } from "graphql";
import { RunsByNameDocument, } from "../_generated/graphql.js";
const operation = RunsByNameDocument.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
const fragments = RunsByNameDocument.definitions.filter((definition) => definition !== operation);
const composed = new Map();
/** The document for `parts` project parts; memoized. */
export function batchDocument(parts) {
    let document = composed.get(parts);
    if (!document) {
        document = parts === 1 ? RunsByNameDocument : composeDocument(parts);
        composed.set(parts, document);
    }
    return document;
}
function composeDocument(parts) {
    const variableDefinitions = [];
    const selections = [];
    for (let index = 0; index < parts; index++) {
        const renamed = visit(operation, {
            Variable: (node) => ({
                ...node,
                name: { ...node.name, value: partVariableName(node.name.value, index) },
            }),
        });
        variableDefinitions.push(...(renamed.variableDefinitions ?? []));
        const projectField = renamed.selectionSet.selections[0];
        selections.push({ ...projectField, alias: { kind: Kind.NAME, value: partAlias(index, parts) } });
    }
    return {
        kind: Kind.DOCUMENT,
        definitions: [
            { ...operation, variableDefinitions, selectionSet: { kind: Kind.SELECTION_SET, selections } },
            ...fragments,
        ],
    };
}
/** Where part `index` of a `parts`-part document answers: `project` alone, else `p0`, `p1`, … */
export function partAlias(index, parts) {
    return parts === 1 ? "project" : `p${index}`;
}
function partVariableName(name, index) {
    return `${name}_${index}`;
}
/** The variables of a request: each part's, renamed when there are several. */
export function batchVariables(parts) {
    if (parts.length === 1)
        return { ...parts[0] };
    const variables = {};
    parts.forEach((part, index) => {
        for (const [name, value] of Object.entries(part))
            variables[partVariableName(name, index)] = value;
    });
    return variables;
}
//# sourceMappingURL=batch-document.js.map